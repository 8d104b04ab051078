#!/usr/bin/env node
// `liaison-log`: the command line under plain Node, with the Node build of the native SQLite addon (the Electron
// app uses its own build; see README, "Native modules").
//
// It runs the bundled JavaScript in out/cli/ (made by `npm run build`), which needs only the production
// dependencies. Only in a development checkout that has not been built yet does it fall back to running the
// TypeScript sources through tsx, a devDependency (silently: stderr belongs to the commands). It does not compare
// dates: after changing the sources, run `npm run build` (or delete out/cli) before using it.
import fs from 'node:fs';

const bundled = new URL('../out/cli/run-cli.js', import.meta.url);
let runCli;
if (fs.existsSync(bundled)) {
  ({ runCli } = await import(bundled.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../electron/cli/main.ts'));
}
process.exitCode = await runCli(process.argv.slice(2));
