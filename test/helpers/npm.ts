/** Runs npm (and other commands) from tests, with the same node as the tests. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './paths.js';

export const run = promisify(execFile);
const NPM_CLI = path.join(path.dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js');
/** The TypeScript compiler of this repository's devDependencies, for consumer projects. */
export const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');

/** `npm …` in `cwd`; falls back to `npm` on PATH. Output is buffered (up to 64 MB). */
export function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const options = { cwd, env, maxBuffer: 64 * 1024 * 1024 };
  return existsSync(NPM_CLI)
    ? run(process.execPath, [NPM_CLI, ...args], options)
    : run('npm', args, { ...options, shell: process.platform === 'win32' });
}
