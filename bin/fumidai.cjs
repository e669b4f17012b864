#!/usr/bin/env node
// Launcher for the `fumidai` CLI. Runs the bundled CLI (out/main/cli.js, made by `npm run build`).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const bundled = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(bundled)) {
  process.stderr.write('fumidai: the CLI is not built yet. Run `npm run build` in the Fumidai folder first.\n');
  process.exit(1);
}
import(pathToFileURL(bundled).href).catch((e) => {
  process.stderr.write(`fumidai: ${e && e.message ? e.message : e}\n`);
  process.exit(1);
});
