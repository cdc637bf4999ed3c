/**
 * Figure 7: cold start. Wall time (and peak RSS) of `node -e "import('<entry>')"`, a whole process, for our
 * package's ESM entry and for `openai`'s; bare `node -e ""` is measured too as the baseline. Runs interleave.
 */
import { pathToFileURL } from 'node:url';
import { log, repeat, runProcess, stat, type Repeat, type Stat } from './util.js';

export interface ColdStartResult {
  wallMs: Record<'ours' | 'openai' | 'node', Stat>;
  peakRssMB: Record<'ours' | 'openai' | 'node', Stat>;
}

export async function benchColdStart(oursEntry: string, openaiEntry: string, rep: Repeat, cwd: string): Promise<ColdStartResult> {
  const scripts = {
    ours: `import(${JSON.stringify(pathToFileURL(oursEntry).href)})`,
    openai: `import(${JSON.stringify(pathToFileURL(openaiEntry).href)})`,
    node: '',
  };
  const wall: Record<string, number[]> = {};
  const rss: Record<string, number[]> = {};
  await repeat(rep, async (measured) => {
    for (const [who, script] of Object.entries(scripts)) {
      const r = await runProcess(process.execPath, ['-e', script], { cwd });
      if (measured) {
        (wall[who] ??= []).push(r.wallMs);
        (rss[who] ??= []).push(r.maxRssBytes / 2 ** 20);
      }
    }
  });
  log(`cold start: ours ${wall.ours!.map(Math.round).join(', ')} ms; openai ${wall.openai!.map(Math.round).join(', ')} ms`);
  const pick = (m: Record<string, number[]>, unit: string) => ({ ours: stat(m.ours!, unit), openai: stat(m.openai!, unit), node: stat(m.node!, unit) });
  return { wallMs: pick(wall, 'ms'), peakRssMB: pick(rss, 'MB') };
}
