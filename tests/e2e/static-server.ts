import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { mimeType } from '../../electron/security/app-origin';

// A tiny static file server for the built renderer, on 127.0.0.1 and a random port. It stands in for the
// app:// protocol handler of the Electron shell: GET and HEAD only, files inside the root only. It adds no
// Content-Security-Policy header on purpose, so the page's own CSP meta tag is what the tests exercise.

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Maps a request path to a file inside `root`, or undefined for anything that would leave it. */
export function resolveInside(root: string, requestUrl: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  if (!file.startsWith(base + path.sep)) return undefined;
  return file;
}

export async function startStaticServer(root: string): Promise<StaticServer> {
  const base = await fs.realpath(root);
  const server = http.createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const file = resolveInside(base, req.url ?? '/');
      let body: Buffer | undefined;
      if (file) {
        try {
          // Symbolic links must not lead out of the root either.
          const real = await fs.realpath(file);
          if (real.startsWith(base + path.sep)) body = await fs.readFile(real);
        } catch {
          body = undefined;
        }
      }
      if (!file || !body) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      res.writeHead(200, {
        'content-type': mimeType(file),
        'content-length': body.length,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
