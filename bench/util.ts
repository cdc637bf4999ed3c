/**
 * Shared helpers for the benchmarks: statistics over repeated runs, whole-process measurement (wall time and
 * peak RSS of the process itself, through `/usr/bin/time -v` or, without it, a small node launcher that reads the
 * child's `resourceUsage`; optionally killed with everything it started after a timeout), sizes on disk, and paths.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/ compiles to dist/bench/, two levels below). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST_BENCH = path.dirname(fileURLToPath(import.meta.url));
export const OFFICIAL_SPEC = path.resolve(ROOT, '../shared/specs/openai/openapi-2026-08-21.yaml');
export const SMALL_SPEC = path.join(ROOT, 'spec/openai.yaml');
export const BIN = path.join(ROOT, 'node_modules/.bin');
export const GNU_TIME = '/usr/bin/time';

/** A measured figure: median, min and max over the runs, in `unit`. */
export interface Stat {
  median: number;
  min: number;
  max: number;
  runs: number;
  unit: string;
}

export function stat(values: number[], unit: string): Stat {
  if (values.length === 0) throw new Error('no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: values.length, unit };
}

/** How many runs: `runs` measured after `warmup` unmeasured ones. */
export interface Repeat {
  runs: number;
  warmup: number;
}

export interface ProcessResult {
  wallMs: number;
  /** Peak resident set size of the process, in bytes. */
  maxRssBytes: number;
  code: number;
  stdout: string;
  stderr: string;
  /** Killed (with its whole process group) after `timeoutMs`; `maxRssBytes` is then the peak sampled at the kill. */
  timedOut: boolean;
}

const haveGnuTime = existsSync(GNU_TIME);

export function measurementMethod(): string {
  return haveGnuTime ? '/usr/bin/time -v (wall clock, maximum resident set size)' : 'hrtime wall clock; peak RSS = VmHWM polled from /proc every 10 ms';
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Do not fail on a non-zero exit (e.g. tsc reporting type errors) or a timeout. */
  allowFailure?: boolean;
  /** Kill the process (and every process it started) after this many ms; `timedOut` is then set. */
  timeoutMs?: number;
}

/** Runs a command to completion and measures its wall time and peak RSS. Fails on a non-zero exit. */
export async function runProcess(cmd: string, args: string[], options: RunOptions = {}): Promise<ProcessResult> {
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true', ...options.env };
  if (haveGnuTime) {
    const r = await spawnCollect(GNU_TIME, ['-v', cmd, ...args], options.cwd, env, options.timeoutMs);
    if (r.timedOut) return timedOut(cmd, args, r, options);
    // GNU time appends its report to stderr.
    const at = r.stderr.lastIndexOf('\tCommand being timed:');
    const report = at === -1 ? '' : r.stderr.slice(at);
    const stderr = at === -1 ? r.stderr : r.stderr.slice(0, at);
    const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(report);
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
    if (!wall || !rss) throw new Error(`could not read /usr/bin/time output for ${cmd}: ${r.stderr.slice(-2000)}`);
    const wallMs = ((Number(wall[1] ?? 0) * 60 + Number(wall[2])) * 60 + Number(wall[3])) * 1000;
    // /usr/bin/time rounds the wall clock to 10 ms: use our own (slightly higher, includes time's exec) clock
    // when it is more precise.
    const precise = r.wallMs;
    const result: ProcessResult = { wallMs: Math.abs(precise - wallMs) < 50 ? precise : wallMs, maxRssBytes: Number(rss[1]) * 1024, code: r.code, stdout: r.stdout, stderr, timedOut: false };
    if (result.code !== 0 && !options.allowFailure) throw new Error(`${cmd} ${args.join(' ')} exited ${result.code}: ${stderr.slice(-2000)}`);
    return result;
  }
  // Fallback: our own clock, and the process's VmHWM (its peak RSS) polled from /proc until it exits.
  const r = await spawnCollect(cmd, args, options.cwd, env, options.timeoutMs);
  if (r.timedOut) return timedOut(cmd, args, r, options);
  if (r.code !== 0 && !options.allowFailure) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}: ${r.stderr.slice(-2000)}`);
  return { wallMs: r.wallMs, maxRssBytes: r.hwmBytes, code: r.code, stdout: r.stdout, stderr: r.stderr, timedOut: false };
}

function timedOut(cmd: string, args: string[], r: Collected, options: RunOptions): ProcessResult {
  if (!options.allowFailure) throw new Error(`${cmd} ${args.join(' ')} timed out after ${options.timeoutMs} ms`);
  return { wallMs: r.wallMs, maxRssBytes: r.hwmBytes, code: r.code, stdout: r.stdout, stderr: r.stderr, timedOut: true };
}

/** The largest VmHWM (peak RSS) among the live processes of process group `pgid`, in bytes. */
function groupPeakRss(pgid: number): number {
  let peak = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // the process group is the 5th field of /proc/PID/stat, after the parenthesized command name
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== pgid) continue;
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) * 1024);
    } catch {
      // exited meanwhile
    }
  }
  return peak;
}

interface Collected {
  code: number;
  stdout: string;
  stderr: string;
  wallMs: number;
  hwmBytes: number;
  timedOut: boolean;
}

function spawnCollect(cmd: string, args: string[], cwd: string | undefined, env: NodeJS.ProcessEnv, timeoutMs?: number): Promise<Collected> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    // with a timeout, the child leads its own process group, so that the kill reaches what it started too
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: timeoutMs !== undefined });
    let hwmBytes = 0;
    let killedAtTimeout = false;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            if (child.pid === undefined) return;
            hwmBytes = Math.max(hwmBytes, groupPeakRss(child.pid));
            killedAtTimeout = true;
            try {
              process.kill(-child.pid, 'SIGKILL');
            } catch {
              // already gone
            }
          }, timeoutMs);
    const poll = haveGnuTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwmBytes = Math.max(hwmBytes, Number(m[1]) * 1024);
          } catch {
            // exited
          }
        }, 10);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (poll) clearInterval(poll);
      if (timer) clearTimeout(timer);
      resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), wallMs, hwmBytes, timedOut: killedAtTimeout });
    });
  });
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times, returning each measured value. */
export async function repeat<T>(rep: Repeat, fn: (measured: boolean, i: number) => Promise<T>): Promise<T[]> {
  for (let i = 0; i < rep.warmup; i++) await fn(false, i);
  const out: T[] = [];
  for (let i = 0; i < rep.runs; i++) out.push(await fn(true, i));
  return out;
}

/** Bytes and files under `p` (a file, or a directory walked recursively). */
export function sizeOnDisk(p: string): { bytes: number; files: number } {
  const st = statSync(p);
  if (!st.isDirectory()) return { bytes: st.size, files: 1 };
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(p)) {
    const sub = sizeOnDisk(path.join(p, entry));
    bytes += sub.bytes;
    files += sub.files;
  }
  return { bytes, files };
}

export function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

export function ratio(a: Stat, b: Stat): number {
  return a.median / b.median;
}
