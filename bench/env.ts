/**
 * The bench's scratch directory: our generated package as an app would have it (node_modules/@sdkforge/openai,
 * built to dist/esm + dist/cjs by the generator's own build), and `openai` linked beside it, so that every peer is
 * imported, bundled and type-checked the same way. Also collects machine and version facts for the report.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildPackage } from '../generator/build-package.js';
import { ROOT } from './util.js';

export interface Workdir {
  dir: string;
  /** node_modules/@sdkforge/openai inside `dir`. */
  ours: string;
  /** The ESM entry of our package. */
  oursEntry: string;
  /** The ESM entry of `openai`. */
  openaiEntry: string;
}

export function setUpWorkdir(parent = os.tmpdir()): Workdir {
  const dir = mkdtempSync(path.join(parent, 'sdkforge-bench-'));
  const ours = path.join(dir, 'node_modules/@sdkforge/openai');
  mkdirSync(path.dirname(ours), { recursive: true });
  cpSync(path.join(ROOT, 'generated'), ours, {
    recursive: true,
    filter: (src) => !/[\\/](dist|node_modules)([\\/]|$)/.test(path.relative(path.join(ROOT, 'generated'), src)),
  });
  const problems = buildPackage(ours);
  if (problems.length) throw new Error(`building the generated package failed:\n${problems.join('\n')}`);
  for (const name of ['openai', 'eventsource-parser']) symlinkSync(path.join(ROOT, 'node_modules', name), path.join(dir, 'node_modules', name), 'dir');
  const openaiPkg = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/openai/package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const dot = openaiPkg.exports['.'] as { import?: string | { default?: string } };
  const imp = typeof dot.import === 'string' ? dot.import : dot.import?.default ?? './index.mjs';
  return {
    dir,
    ours,
    oursEntry: path.join(ours, 'dist/esm/index.js'),
    openaiEntry: path.join(dir, 'node_modules/openai', imp),
  };
}

export function version(pkg: string): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
}

export interface Machine {
  node: string;
  platform: string;
  cpus: string;
  cores: number;
  memoryGiB: number;
  date: string;
  commit: string;
}

export function machine(): Machine {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'generator', 'generated', 'spec'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (dirty) commit += ' (+ uncommitted changes in generator/, generated/ or spec/)';
  } catch {
    // not a git checkout
  }
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    date: new Date().toISOString(),
    commit,
  };
}
