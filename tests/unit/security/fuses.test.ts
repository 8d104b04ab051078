import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The Electron fuses electron-builder flips in the packaged binary (electron-builder.yml, `electronFuses`).
// Packaging needs the Electron binary, which these machines cannot download, so this reads the configuration
// the way electron-builder itself does (its own loader and schema) and checks every fuse the security checklist
// relies on: a later edit cannot drop or flip one without this test failing. docs/security.md, "Fuses".

const ROOT = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(path.join(ROOT, 'package.json'));

interface BuilderConfig {
  electronFuses?: Record<string, unknown> | null;
  asar?: boolean | { disableIntegrity?: boolean } | null;
  [key: string]: unknown;
}
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig: (projectDir: string, configPath: string | null, fromOptions: null) => Promise<BuilderConfig>;
  validateConfiguration: (config: BuilderConfig, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

/** Each fuse, the value it must have, and why (the Electron fuses tutorial names them the same way). */
const REQUIRED_FUSES = {
  runAsNode: [false, 'ELECTRON_RUN_AS_NODE must not turn the app into a general Node runtime'],
  enableNodeOptionsEnvironmentVariable: [false, 'NODE_OPTIONS and NODE_EXTRA_CA_CERTS must be ignored'],
  enableNodeCliInspectArguments: [false, '--inspect and friends must not open a debugger on police data'],
  enableCookieEncryption: [true, 'the cookie store on disk is encrypted with the OS key store'],
  enableEmbeddedAsarIntegrityValidation: [true, 'app.asar is checked against the hash embedded at packaging'],
  onlyLoadAppFromAsar: [true, 'code loads only from the validated app.asar, not from an app/ folder beside it'],
  grantFileProtocolExtraPrivileges: [false, 'the app serves app://, never file://, which needs no extra rights'],
} as const;

/** What is wrong with a configuration's fuses and asar settings; empty when all is as required. */
function fuseProblems(config: BuilderConfig): string[] {
  const problems: string[] = [];
  const fuses = config.electronFuses ?? {};
  for (const [name, [value, why]] of Object.entries(REQUIRED_FUSES)) {
    if (fuses[name] !== value) problems.push(`electronFuses.${name} must be ${String(value)} (${why})`);
  }
  // Asar integrity validation checks a hash that electron-builder embeds only when the app is packed as asar
  // with integrity left on.
  if (config.asar === false || config.asar === null) problems.push('asar must be on for asar integrity validation');
  if (typeof config.asar === 'object' && config.asar?.disableIntegrity) problems.push('asar.disableIntegrity is set');
  return problems;
}

async function loadConfig(): Promise<BuilderConfig> {
  return getConfig(ROOT, null, null);
}

describe('Electron fuses in electron-builder.yml', () => {
  it('are all set as the security checklist requires', async () => {
    const config = await loadConfig();
    expect(config.electronFuses, 'electronFuses is missing from electron-builder.yml').toBeTruthy();
    expect(fuseProblems(config)).toEqual([]);
  });

  it('pass electron-builder 26’s own schema (a misspelt fuse would be refused, not ignored)', async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsnode: false } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('the check itself catches a dropped or flipped fuse, and asar turned off', async () => {
    const config = await loadConfig();
    for (const name of Object.keys(REQUIRED_FUSES)) {
      const fuses = { ...config.electronFuses };
      delete fuses[name];
      expect(fuseProblems({ ...config, electronFuses: fuses }).join('\n'), `${name} dropped`).toContain(name);
      const flipped = { ...config.electronFuses, [name]: !config.electronFuses?.[name] };
      expect(fuseProblems({ ...config, electronFuses: flipped }).join('\n'), `${name} flipped`).toContain(name);
    }
    expect(fuseProblems({ ...config, electronFuses: null })).toHaveLength(Object.keys(REQUIRED_FUSES).length);
    expect(fuseProblems({ ...config, asar: false })).toEqual(['asar must be on for asar integrity validation']);
    expect(fuseProblems({ ...config, asar: { disableIntegrity: true } })).toEqual(['asar.disableIntegrity is set']);
  });
});
