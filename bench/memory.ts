/**
 * Figure 5: streaming memory. A client process (bench/memory-client.js, --expose-gc) consumes one
 * STREAM_EVENTS-event chat completion from the bench server (its own process); the figure is the RSS growth from
 * just after the first 5% of the events to the peak sampled every 1,000 events until the end. Ours, and openai
 * for comparison.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startServerProcess } from './server-process.js';
import { DIST_BENCH, log, repeat, stat, type Repeat, type Stat } from './util.js';

export interface MemoryResult {
  events: number;
  /** RSS growth (peak − baseline) in MB. */
  growthMB: Record<'ours' | 'openai', Stat>;
  /** RSS at the end minus baseline, after a GC, in MB. */
  retainedMB: Record<'ours' | 'openai', Stat>;
}

interface ClientReport {
  events: number;
  baseline: number;
  peak: number;
  end: number;
}

function runClient(who: string, entry: string, baseURL: string, events: number): Promise<ClientReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', path.join(DIST_BENCH, 'memory-client.js'), who, entry, baseURL], {
      env: { ...process.env, STREAM_EVENTS: String(events) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`memory client ${who} exited ${code}`));
      const report = JSON.parse(out) as ClientReport;
      if (report.events !== events) return reject(new Error(`memory client ${who} got ${report.events} events of ${events}`));
      resolve(report);
    });
  });
}

export async function benchMemory(events: number, rep: Repeat, oursEntry: string): Promise<MemoryResult> {
  const server = await startServerProcess({ STREAM_EVENTS: String(events) });
  try {
    const growth: Record<string, number[]> = {};
    const retained: Record<string, number[]> = {};
    await repeat(rep, async (measured, i) => {
      for (const who of ['ours', 'openai'] as const) {
        const r = await runClient(who, oursEntry, server.url, events);
        if (measured) {
          (growth[who] ??= []).push((r.peak - r.baseline) / 2 ** 20);
          (retained[who] ??= []).push((r.end - r.baseline) / 2 ** 20);
          log(`memory ${who} run ${i + 1}: +${((r.peak - r.baseline) / 2 ** 20).toFixed(1)} MB peak over baseline ${(r.baseline / 2 ** 20).toFixed(0)} MB`);
        }
      }
    });
    const pick = (m: Record<string, number[]>) => ({ ours: stat(m.ours!, 'MB'), openai: stat(m.openai!, 'MB') });
    return { events, growthMB: pick(growth), retainedMB: pick(retained) };
  } finally {
    await server.stop();
  }
}
