/**
 * The JavaScript runtimes the tests run things in, each installed by `npm ci` from the npm registry as a pinned
 * devDependency: Node 18, 20, 22 and 24 (the `node` package, aliased per major; its preinstall puts the
 * platform's binary at `bin/node`), Bun (`bun`), Deno (`deno`) and Cloudflare's workerd (`workerd`). The
 * unaliased `node` (20) also owns `node_modules/.bin/node`, so npm scripts run on it: npm links the bin name the
 * four packages share to the first of them by path.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.js';

export interface Runtime {
  /** The test name: the runtime and its version, as the binary reports it (`node 18.20.8`). */
  name: string;
  version: string;
  /** The executable. */
  bin: string;
}

const exe = process.platform === 'win32' ? '.exe' : '';

/** The binary at `rel` under node_modules, or a clear error when `npm ci` has not installed it. */
function installed(rel: string, from: string): string {
  const bin = path.join(ROOT, 'node_modules', rel);
  if (!existsSync(bin)) throw new Error(`${path.relative(ROOT, bin)} is missing: run \`npm ci\` (${from} is a devDependency)`);
  return bin;
}

function versionOf(bin: string, args: string[], pattern: RegExp): string {
  const out = execFileSync(bin, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const version = pattern.exec(out)?.[1];
  if (!version) throw new Error(`${bin} ${args.join(' ')} printed no version: ${out}`);
  return version;
}

/** The Node of a devDependency (`node` or an alias of it such as `node18`). */
function node(pkg: string): Runtime {
  const bin = installed(`${pkg}/bin/node${exe}`, `"${pkg}"`);
  const version = versionOf(bin, ['--version'], /^v(\d+\.\d+\.\d+)/);
  return { name: `node ${version}`, version, bin };
}

/** Node 18, 20, 22 and 24, oldest first. */
export const NODES: Runtime[] = ['node18', 'node', 'node22', 'node24'].map(node);

export function bun(): Runtime {
  const bin = installed(`bun/bin/bun.exe`, '"bun"');
  const version = versionOf(bin, ['--version'], /^(\d+\.\d+\.\d+)/);
  return { name: `bun ${version}`, version, bin };
}

export function deno(): Runtime {
  const bin = installed(`deno/deno${exe}`, '"deno"');
  const version = versionOf(bin, ['--version'], /^deno (\d+\.\d+\.\d+)/);
  return { name: `deno ${version}`, version, bin };
}

/**
 * workerd, named by its npm version (`1.20261117.1`); the binary reports the date in it (`2026-11-17`), the newest
 * compatibility date it takes.
 */
export function workerd(): Runtime & { date: string } {
  const bin = installed(`workerd/bin/workerd${exe}`, '"workerd"');
  const date = versionOf(bin, ['--version'], /^workerd (\d{4}-\d\d-\d\d)/);
  const version = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/workerd/package.json'), 'utf8')).version as string;
  if (version.split('.')[1] !== date.replaceAll('-', '')) throw new Error(`workerd ${version}'s binary says it is ${date}`);
  return { name: `workerd ${version}`, version, bin, date };
}
