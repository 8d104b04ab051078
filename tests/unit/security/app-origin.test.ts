import path from 'node:path';
import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  isAppUrl,
  isTrustedSender,
  mimeType,
  resolveAppAsset,
} from '../../../electron/security/app-origin';

const ROOT = path.resolve('/srv/liaison-log/renderer');

function inside(file: string | undefined): boolean {
  return file !== undefined && file.startsWith(ROOT + path.sep);
}

describe('isAppUrl', () => {
  it('accepts our own app:// origin', () => {
    expect(APP_ORIGIN).toBe('app://liaison-log');
    for (const url of [
      APP_ENTRY_URL,
      'app://liaison-log',
      'app://liaison-log/',
      'app://liaison-log/assets/index-abc123.js',
      'app://liaison-log/index.html?x=1#/requests',
    ]) {
      expect(isAppUrl(url), url).toBe(true);
    }
  });

  it('refuses every other scheme, host or malformed value', () => {
    for (const url of [
      undefined,
      null,
      '',
      'liaison-log',
      'app:',
      'app:liaison-log/index.html',
      'app:///index.html',
      'app://evil/index.html',
      'app://liaison-log.evil.example/index.html',
      'app://evil.example/liaison-log/index.html',
      'app://evil.example/?app://liaison-log',
      'app://liaison-log:8080/index.html',
      'apps://liaison-log/index.html',
      'file:///index.html',
      'file://liaison-log/index.html',
      'http://liaison-log/index.html',
      'https://liaison-log/index.html',
      'http://localhost:5173/',
      'about:blank',
      'data:text/html,<script>alert(1)</script>',
      'javascript:alert(1)',
      'blob:app://liaison-log/0b1f',
      'devtools://devtools/bundled/inspector.html',
      'chrome://settings',
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });
});

describe('isTrustedSender', () => {
  it('trusts only the main frame of our own page', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: 'app://liaison-log/index.html#/settings', isMainFrame: true })).toBe(true);
  });

  it('refuses an iframe, even one showing our own page', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: false })).toBe(false);
  });

  it('refuses foreign origins, file://, http(s) and missing frames', () => {
    for (const url of [
      'https://evil.example/',
      'file:///home/officer/Downloads/phish.html',
      'http://localhost:5173/',
      'http://liaison-log/index.html',
      'about:blank',
      'app://other/index.html',
      '',
    ]) {
      expect(isTrustedSender({ url, isMainFrame: true }), url).toBe(false);
      expect(isTrustedSender({ url, isMainFrame: false }), url).toBe(false);
    }
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('resolveAppAsset', () => {
  it('maps app:// paths to files inside the renderer folder', () => {
    expect(resolveAppAsset(ROOT, 'app://liaison-log/')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppAsset(ROOT, 'app://liaison-log')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppAsset(ROOT, APP_ENTRY_URL)).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppAsset(ROOT, 'app://liaison-log/assets/app-1a2b.js')).toBe(
      path.join(ROOT, 'assets', 'app-1a2b.js'),
    );
    expect(resolveAppAsset(ROOT, 'app://liaison-log/assets/app.css?v=2#top')).toBe(
      path.join(ROOT, 'assets', 'app.css'),
    );
    expect(resolveAppAsset(ROOT, 'app://liaison-log/fonts/Inter%20Var.woff2')).toBe(
      path.join(ROOT, 'fonts', 'Inter Var.woff2'),
    );
  });

  it('never resolves outside the renderer folder with dot segments, plain or percent-encoded', () => {
    for (const url of [
      'app://liaison-log/../../../../etc/passwd',
      'app://liaison-log/assets/../../secret.txt',
      'app://liaison-log/%2e%2e/%2e%2e/etc/passwd',
      'app://liaison-log/%2E%2E/%2E%2E/etc/passwd',
      'app://liaison-log/.%2e/.%2e/etc/passwd',
      'app://liaison-log//etc/passwd',
      'app://liaison-log/%2Fetc%2Fpasswd',
    ]) {
      const file = resolveAppAsset(ROOT, url);
      expect(file === undefined || inside(file), `${url} -> ${String(file)}`).toBe(true);
    }
  });

  it('refuses encoded slashes that climb out of the folder', () => {
    for (const url of [
      'app://liaison-log/..%2F..%2F..%2Fetc%2Fpasswd',
      'app://liaison-log/..%2f..%2f..%2fetc%2fpasswd',
      'app://liaison-log/assets/..%2F..%2F..%2Fetc%2Fpasswd',
      'app://liaison-log/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    ]) {
      expect(resolveAppAsset(ROOT, url), url).toBeUndefined();
    }
  });

  it('refuses a sibling folder whose name starts with the renderer folder name', () => {
    expect(resolveAppAsset(ROOT, 'app://liaison-log/..%2Frenderer-evil%2Fx.js')).toBeUndefined();
    expect(resolveAppAsset(ROOT, 'app://liaison-log/..%2Frenderer')).toBeUndefined();
  });

  it('refuses backslashes, encoded or not', () => {
    for (const url of [
      'app://liaison-log/..%5C..%5Cwindows%5Cwin.ini',
      'app://liaison-log/assets%5Capp.js',
      'app://liaison-log/..\\..\\windows\\win.ini',
      'app://liaison-log/assets\\app.js',
    ]) {
      expect(resolveAppAsset(ROOT, url), url).toBeUndefined();
    }
  });

  it('refuses NUL bytes and malformed percent-encoding', () => {
    for (const url of [
      'app://liaison-log/index.html%00.png',
      'app://liaison-log/%00',
      'app://liaison-log/%E0%A4%A',
      'app://liaison-log/%zz',
      'app://liaison-log/%',
    ]) {
      expect(resolveAppAsset(ROOT, url), url).toBeUndefined();
    }
  });

  it('refuses other hosts, other schemes and non-URLs', () => {
    for (const url of [
      'app://evil/index.html',
      'app://liaison-log.evil/index.html',
      'app://liaison-log:1/index.html',
      'file:///srv/liaison-log/renderer/index.html',
      'https://liaison-log/index.html',
      'http://liaison-log/index.html',
      '/index.html',
      'index.html',
      '',
      'not a url',
    ]) {
      expect(resolveAppAsset(ROOT, url), url).toBeUndefined();
    }
  });

  it('for any path at all, returns undefined or a file inside the folder (fast-check)', () => {
    const piece = fc.constantFrom(
      '..',
      '.',
      '%2e%2e',
      '%2E%2e',
      '.%2e',
      '%2f',
      '%2F',
      '%5c',
      '\\',
      '/',
      '//',
      '%00',
      '%',
      '%25',
      'a',
      'assets',
      'index.html',
      'renderer',
      '?',
      '#',
      ':',
      '~',
      '%c0%ae',
    );
    const tail = fc.oneof(
      fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')),
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
    );
    fc.assert(
      fc.property(tail, (t) => {
        const file = resolveAppAsset(ROOT, `app://liaison-log/${t}`);
        expect(file === undefined || inside(file)).toBe(true);
        if (file !== undefined) expect(file.includes('\0')).toBe(false);
      }),
      { seed: 0x11a150, numRuns: 2000 },
    );
  });
});

describe('mimeType', () => {
  it('knows the types the renderer build ships', () => {
    expect(mimeType('/r/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeType('/r/assets/app.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('/r/assets/app.mjs')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('/r/assets/app.css')).toBe('text/css; charset=utf-8');
    expect(mimeType('/r/locales/nl.json')).toBe('application/json');
    expect(mimeType('/r/icon.svg')).toBe('image/svg+xml');
    expect(mimeType('/r/icon.png')).toBe('image/png');
    expect(mimeType('/r/favicon.ico')).toBe('image/x-icon');
    expect(mimeType('/r/fonts/inter.woff2')).toBe('font/woff2');
  });

  it('ignores the case of the extension', () => {
    expect(mimeType('/r/INDEX.HTML')).toBe('text/html; charset=utf-8');
    expect(mimeType('/r/App.Js')).toBe('text/javascript; charset=utf-8');
  });

  it('answers application/octet-stream for anything else', () => {
    for (const file of ['/r/README', '/r/archive.tar.gz', '/r/index.html.exe', '/r/.html', '/r/x.htm', '/r/x.']) {
      expect(mimeType(file), file).toBe('application/octet-stream');
    }
  });
});
