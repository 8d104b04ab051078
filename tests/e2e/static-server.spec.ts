import http from 'node:http';
import { expect, test } from './fixtures';

// The harness's own file server: it must serve the build and nothing outside it, whatever the raw path.

function rawGet(base: string, rawPath: string, method = 'GET'): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('the renderer file server serves the build and refuses paths that leave it', async ({ rendererServer }) => {
  const index = await rawGet(rendererServer.url, '/');
  expect(index.status).toBe(200);
  expect(index.body).toContain('<div id="root"></div>');
  expect(index.body).toContain('Content-Security-Policy');

  // out/main/index.js and package.json exist next to and above out/renderer: none may be reached.
  for (const rawPath of [
    '/../main/index.js',
    '/%2e%2e/main/index.js',
    '/..%2fmain%2findex.js',
    '/assets/..%2f..%2fmain%2findex.js',
    '/..%5cmain%5cindex.js',
    '/%2e%2e%2f%2e%2e%2fpackage.json',
    '//etc/passwd',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/nothing-here.js',
  ]) {
    const answer = await rawGet(rendererServer.url, rawPath);
    expect(answer.status, rawPath).toBe(404);
    expect(answer.body, rawPath).toBe('Not found');
  }
  expect((await rawGet(rendererServer.url, '/', 'POST')).status).toBe(405);
});
