/**
 * `sdkforge.config.{json,yaml,yml,mjs}`: the options options.ts marks as config keys can be set there, each
 * value checked by its kind. Paths in a config file are relative to the file. An unknown key is an error that
 * names the key and the closest valid one.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { yaml } from './load/yaml.js';
import { CONFIG_KEYS, configEntry, type SdkforgeConfig } from './options.js';

export type { SdkforgeConfig } from './options.js';

export const CONFIG_FILES = ['sdkforge.config.json', 'sdkforge.config.yaml', 'sdkforge.config.yml', 'sdkforge.config.mjs'];

/** A problem with the command line or the config file: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = row[j]!;
      row[j] = next;
    }
  }
  return row[b.length]!;
}

/** The valid name closest to `name`. */
export function closest(name: string, candidates: readonly string[]): string {
  return [...candidates].sort((x, y) => distance(name, x) - distance(name, y) || x.localeCompare(y))[0]!;
}

/** A positive whole number of milliseconds (a number, or a string of digits as the command line gives it). */
export function milliseconds(value: unknown, what: string): number {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) throw new UsageError(`${what} must be a positive whole number of milliseconds, not ${JSON.stringify(value)}.`);
  return n;
}

/** A comma-separated list as its trimmed, non-empty items (a flag's value, or a config file's string). */
export function splitList(items: readonly string[] | string): string[] {
  return (typeof items === 'string' ? items.split(',') : items).map((s) => s.trim()).filter(Boolean);
}

/** Checks and normalizes raw config values (comma strings become lists; paths, also in a list of paths, resolve against `baseDir`). */
export function normalizeConfig(raw: unknown, file: string, baseDir: string): SdkforgeConfig {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`${file}: the config must be an object of options.`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const kind = configEntry(key)?.kind;
    if (!kind) throw new UsageError(`${file}: unknown key \`${key}\`; did you mean \`${closest(key, CONFIG_KEYS)}\`? Valid keys: ${CONFIG_KEYS.join(', ')}.`);
    if (value === undefined || value === null) continue;
    if (kind === 'milliseconds') {
      out[key] = milliseconds(value, `${file}: \`${key}\``);
    } else if (kind === 'boolean') {
      if (typeof value !== 'boolean') throw new UsageError(`${file}: \`${key}\` must be true or false.`);
      out[key] = value;
    } else if (kind === 'paths') {
      const list = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((v) => typeof v === 'string' && v) ? (value as string[]) : undefined;
      if (list === undefined) throw new UsageError(`${file}: \`${key}\` must be a list of paths (or URLs).`);
      out[key] = list.map((v) => (/^https?:\/\//i.test(v) ? v : path.resolve(baseDir, v)));
    } else if (kind === 'list') {
      const list = typeof value === 'string' ? value : Array.isArray(value) ? value.map(String) : undefined;
      if (list === undefined) throw new UsageError(`${file}: \`${key}\` must be a list of strings or a comma-separated string.`);
      out[key] = splitList(list);
    } else {
      if (typeof value !== 'string' || !value) throw new UsageError(`${file}: \`${key}\` must be a non-empty string.`);
      out[key] = kind === 'path' && !/^https?:\/\//i.test(value) ? path.resolve(baseDir, value) : value;
    }
  }
  return out as SdkforgeConfig;
}

/** Reads `file`, or the first `sdkforge.config.*` in `cwd`; undefined when there is none. */
export async function loadConfig(file: string | undefined, cwd = process.cwd()): Promise<{ file: string; config: SdkforgeConfig } | undefined> {
  const found = file ? path.resolve(cwd, file) : CONFIG_FILES.map((f) => path.join(cwd, f)).find((f) => existsSync(f));
  if (!found) return undefined;
  if (!existsSync(found)) throw new UsageError(`Config file ${file} does not exist.`);
  const shown = path.relative(cwd, found) || found;
  let raw: unknown;
  try {
    if (found.endsWith('.mjs') || found.endsWith('.js')) {
      raw = ((await import(pathToFileURL(found).href)) as { default?: unknown }).default;
    } else {
      const text = readFileSync(found, 'utf8');
      raw = found.endsWith('.json') ? JSON.parse(text) : yaml().parse(text);
    }
  } catch (err) {
    throw new UsageError(`${shown}: cannot be read: ${(err as Error).message.split('\n')[0]}`);
  }
  return { file: found, config: normalizeConfig(raw, shown, path.dirname(found)) };
}
