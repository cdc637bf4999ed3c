/**
 * Watch mode: regenerates when the spec, any file it `$ref`s, or an overlay applied to it changes. Changes are debounced; a broken
 * intermediate save prints its diagnostic and the watch goes on.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { yaml } from './load/yaml.js';
import { walkDocument } from './util/json-pointer.js';

/** The spec file and every local file reachable through its `$ref`s (URLs are not watched). */
export async function specFiles(spec: string): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [path.resolve(spec)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    let doc: unknown;
    try {
      doc = yaml().parse(await readFile(file, 'utf8'), { uniqueKeys: false, maxAliasCount: -1 });
    } catch {
      continue; // unreadable or broken for now: still watched, its refs found once it parses
    }
    walkDocument(doc, (node) => {
      const ref = Array.isArray(node) ? undefined : (node as Record<string, unknown>).$ref;
      if (typeof ref !== 'string') return;
      const target = ref.split('#')[0]!;
      if (target && !/^[a-z]+:\/\//i.test(target)) queue.push(path.resolve(path.dirname(file), decodeURI(target)));
    });
  }
  return [...seen].sort();
}

export interface WatchOptions {
  spec: string;
  /** Further files whose changes regenerate (the overlays; URLs among them are not watched). */
  also?: readonly string[];
  /** Runs one generation; its errors are the caller's to report. */
  run: () => Promise<void>;
  debounceMs?: number;
  signal?: AbortSignal;
  onWatching?: (files: string[]) => void;
}

/** Runs once, then again after each change, until `signal` aborts. */
export async function watchSpec({ spec, also = [], run, debounceMs = 150, signal, onWatching }: WatchOptions): Promise<void> {
  let watchers: FSWatcher[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = Promise.resolve();

  const rewatch = async () => {
    for (const w of watchers) w.close();
    const extra = also.filter((f) => !/^[a-z]+:\/\//i.test(f)).map((f) => path.resolve(f));
    const files = [...new Set([...(await specFiles(spec)), ...extra])].sort();
    watchers = files.flatMap((file) => {
      try {
        return [watch(file, () => schedule())];
      } catch {
        return []; // a file that does not exist yet
      }
    });
    onWatching?.(files);
  };
  // watch first, then generate: a change made while generating schedules another run instead of being lost
  const cycle = async () => {
    await rewatch();
    await run().catch(() => undefined);
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(cycle);
    }, debounceMs);
  };

  running = cycle();
  await running;
  await new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  clearTimeout(timer);
  await running;
  for (const w of watchers) w.close();
}
