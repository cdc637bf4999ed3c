/**
 * Figure 2: the type-check cost of the output. `tsc --noEmit --strict` (target ES2022, NodeNext modules, DOM
 * libs, no skipLibCheck) as a whole process over each generator's full-spec output, and over a one-file consumer
 * that streams a chat completion, against our built package (its .d.ts) and against `openai`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { Generator } from './generation.js';
import { ROOT, log, repeat, runProcess, stat, type Repeat, type Stat } from './util.js';

export const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
export const TSC_FLAGS = ['--noEmit', '--strict', '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--lib', 'ES2022,DOM,DOM.Iterable'];

export interface TscResult {
  wallMs: Stat;
  peakRssMB: Stat;
  files: number;
  errors: number;
}

export function tsFiles(output: string): string[] {
  if (output.endsWith('.ts')) return [output];
  return ts.sys.readDirectory(output, ['.ts'], ['**/node_modules/**', '**/dist/**'], ['**/*']).filter((f) => !f.endsWith('.d.ts'));
}

async function tsc(files: string[], cwd: string, rep: Repeat, what: string): Promise<TscResult> {
  // Run from a scratch directory outside the repository: no @types are picked up, only the DOM and ES libs.
  const args = [TSC, ...TSC_FLAGS, ...files];
  let errors = 0;
  const runs = await repeat(rep, async (measured, i) => {
    const r = await runProcess(process.execPath, args, { cwd, allowFailure: true });
    errors = (r.stdout.match(/error TS\d+/g) ?? []).length;
    if (measured) log(`tsc ${what} run ${i + 1}: ${Math.round(r.wallMs)} ms, ${errors} errors`);
    return r;
  });
  return {
    wallMs: stat(runs.map((r) => r.wallMs), 'ms'),
    peakRssMB: stat(runs.map((r) => r.maxRssBytes / 2 ** 20), 'MB'),
    files: files.length,
    errors,
  };
}

export async function benchOutputTypecheck(outputs: Record<Generator, string>, rep: Repeat): Promise<Record<Generator, TscResult>> {
  const result = {} as Record<Generator, TscResult>;
  for (const [tool, out] of Object.entries(outputs) as [Generator, string][]) {
    // sdkforge's package: its sources (src/), as a consumer compiling the package would.
    const files = tsFiles(tool === 'sdkforge' ? path.join(out, 'src') : out);
    result[tool] = await tsc(files, path.dirname(out), rep, `output ${tool}`);
  }
  return result;
}

export const CONSUMER_OURS = `import { OpenAI } from '@sdkforge/openai';

const client = new OpenAI({ apiKey: 'sk-test' });
const stream = await client.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Say hello' }], stream: true });
let text = '';
for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
console.log(text);
`;

export const CONSUMER_OPENAI = `import OpenAI from 'openai';

const client = new OpenAI({ apiKey: 'sk-test' });
const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Say hello' }], stream: true });
let text = '';
for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
console.log(text);
`;

export async function benchConsumerTypecheck(workdir: string, rep: Repeat): Promise<{ ours: TscResult; openai: TscResult }> {
  writeFileSync(path.join(workdir, 'package.json'), JSON.stringify({ name: 'bench-app', private: true, type: 'module' }));
  const ours = path.join(workdir, 'consumer-ours.ts');
  const theirs = path.join(workdir, 'consumer-openai.ts');
  writeFileSync(ours, CONSUMER_OURS);
  writeFileSync(theirs, CONSUMER_OPENAI);
  const result = { ours: await tsc([ours], workdir, rep, 'consumer ours'), openai: await tsc([theirs], workdir, rep, 'consumer openai') };
  if (result.ours.errors || result.openai.errors) log(`warning: consumer type errors (ours ${result.ours.errors}, openai ${result.openai.errors})`);
  return result;
}
