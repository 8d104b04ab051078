import fs from 'node:fs';
import path from 'node:path';
import { build, type UserConfig } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import electronViteConfig from '../../../electron.vite.config';
import { CONTENT_SECURITY_POLICY } from '../../../electron/security/app-origin';
import { removeTempDir } from '../helpers/temp-dir';

// The Content-Security-Policy is set twice: as a header by the app:// protocol handler (app-protocol.ts sends
// CONTENT_SECURITY_POLICY) and as a meta tag in renderer/index.html, so the page is protected wherever it is
// served (the browser tests, a preview). The two must stay one policy: a meta tag cannot carry
// frame-ancestors, so that directive alone is the header's.

const ROOT = path.resolve(import.meta.dirname, '../../..');

// The page as it ships: built fresh for this file with the project's own renderer configuration
// (electron.vite.config.ts, its plugins included; only the output folder differs), never a stale or missing
// out/renderer left by an earlier build.
let builtPage = '';
let buildDir = '';
beforeAll(async () => {
  const results = path.join(ROOT, 'test-results');
  fs.mkdirSync(results, { recursive: true });
  buildDir = fs.mkdtempSync(path.join(results, 'csp-build-'));
  const renderer = (electronViteConfig as { renderer?: UserConfig }).renderer;
  if (!renderer?.build) throw new Error('electron.vite.config.ts has no renderer build to check.');
  await build({
    ...renderer,
    configFile: false,
    logLevel: 'warn',
    build: { ...renderer.build, outDir: buildDir, emptyOutDir: true, reportCompressedSize: false },
  });
  builtPage = path.join(buildDir, 'index.html');
}, 120_000);
afterAll(() => removeTempDir(buildDir));

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values.join(' ')]),
  );
}

function metaPolicy(html: string): string | undefined {
  const tag = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i);
  return tag?.[1];
}

describe('Content-Security-Policy', () => {
  it('the meta tag of renderer/index.html is the header policy without frame-ancestors', () => {
    const meta = metaPolicy(fs.readFileSync(path.join(ROOT, 'renderer/index.html'), 'utf8'));
    expect(meta, 'renderer/index.html has no CSP meta tag').toBeDefined();
    const header = directives(CONTENT_SECURITY_POLICY);
    expect(header.get('frame-ancestors')).toBe("'none'");
    header.delete('frame-ancestors');
    expect(Object.fromEntries(directives(meta!))).toEqual(Object.fromEntries(header));
  });

  it('the built page keeps the same meta tag', () => {
    expect(fs.existsSync(builtPage), `the renderer build wrote no ${builtPage}`).toBe(true);
    const source = metaPolicy(fs.readFileSync(path.join(ROOT, 'renderer/index.html'), 'utf8'));
    expect(source, 'renderer/index.html has no CSP meta tag').toBeDefined();
    expect(metaPolicy(fs.readFileSync(builtPage, 'utf8'))).toBe(source);
  });

  it('the comparison notices a drift (a directive loosened in one place only)', () => {
    const loosened = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
    expect(Object.fromEntries(directives(loosened))).not.toEqual(
      Object.fromEntries(directives(CONTENT_SECURITY_POLICY)),
    );
  });
});
