#!/usr/bin/env node
// Thin launcher: the CLI is compiled from generator/cli.ts into dist/ (`npm run compile`, which `npm pack` runs
// through prepack, so a published or packed sdkforge ships it compiled).
let cli;
try {
  cli = await import('../dist/generator/cli.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist/generator/cli.js')) throw err;
  process.stderr.write('sdkforge: this checkout is not compiled yet: run `npm run compile` (once after `npm ci`, and after each change).\n');
  process.exit(1);
}
process.exitCode = await cli.main(process.argv.slice(2));
