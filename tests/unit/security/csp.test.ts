import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/security/app-origin';

// The Content-Security-Policy is set twice: as a header by the app:// protocol handler (app-protocol.ts sends
// CONTENT_SECURITY_POLICY) and as a meta tag in renderer/index.html, so the page is protected wherever it is
// served (the browser tests, a preview). The two must stay one policy: a meta tag cannot carry
// frame-ancestors, so that directive alone is the header's.

const ROOT = path.resolve(import.meta.dirname, '../../..');

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

  it('the built page keeps the same meta tag, if it has been built', () => {
    const built = path.join(ROOT, 'out/renderer/index.html');
    if (!fs.existsSync(built)) return; // `npx electron-vite build` makes it; the source check above always runs
    const source = metaPolicy(fs.readFileSync(path.join(ROOT, 'renderer/index.html'), 'utf8'));
    expect(metaPolicy(fs.readFileSync(built, 'utf8'))).toBe(source);
  });

  it('the comparison notices a drift (a directive loosened in one place only)', () => {
    const loosened = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
    expect(Object.fromEntries(directives(loosened))).not.toEqual(
      Object.fromEntries(directives(CONTENT_SECURITY_POLICY)),
    );
  });
});
