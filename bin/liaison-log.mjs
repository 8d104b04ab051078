#!/usr/bin/env node
// Runs the TypeScript command line directly through tsx, under plain Node with the Node build of the
// native SQLite addon (the Electron app uses its own build; see README "Native modules").
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
