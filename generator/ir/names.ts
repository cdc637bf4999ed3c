/**
 * Turning spec names into TypeScript identifiers, deterministically. Names that already are valid identifiers
 * are kept as written; others are split on non-identifier characters and joined in camelCase or PascalCase.
 * Collisions after conversion are resolved by document order: the first keeps the name, later ones get a
 * numeric suffix (`Foo_Bar` → `FooBar`, then `FooBar2`).
 */

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'implements interface let package private protected public static yield await arguments eval ' +
    'any boolean number string symbol never unknown object undefined bigint type declare namespace module async'
  ).split(' '),
);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name);
}

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

function fixStart(id: string, fallback: string): string {
  if (id === '') return fallback;
  if (/^[0-9]/.test(id)) id = '_' + id;
  return RESERVED.has(id) ? id + '_' : id;
}

export function pascalCase(name: string): string {
  if (isIdentifier(name) && /^[A-Z]/.test(name)) return name;
  return fixStart(
    words(name)
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join(''),
    'Schema',
  );
}

export function camelCase(name: string): string {
  if (isIdentifier(name) && !name.includes('_') && /^[a-z]/.test(name)) return name;
  const parts = words(name);
  return fixStart(
    parts.map((w, i) => (i === 0 ? w[0]!.toLowerCase() + w.slice(1) : w[0]!.toUpperCase() + w.slice(1))).join(''),
    'value',
  );
}

/** Words a member name writes in capitals after its first word, as the official SDKs do (`adminAPIKeys`). */
const ACRONYMS = new Set(['api', 'id', 'url', 'uri', 'ip', 'http', 'json', 'sql']);

/**
 * A camelCase member name (a method or property, where reserved words are allowed): `fine_tuning` → `fineTuning`,
 * `admin_api_keys` → `adminAPIKeys`, `delete` stays `delete`; one starting with a digit gets `_`, an empty one is `call`.
 */
export function memberName(name: string): string {
  if (/^[a-z][A-Za-z0-9]*$/.test(name)) return name;
  const id = words(name)
    .map((w, i) => (i === 0 ? w[0]!.toLowerCase() + w.slice(1) : ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1)))
    .join('');
  return id === '' ? 'call' : /^[0-9]/.test(id) ? `_${id}` : id;
}

/** `CONSTANT_CASE` for environment variable names: `ApiKeyAuth` → `API_KEY_AUTH`, `basic-auth` → `BASIC_AUTH`. */
export function constantCase(name: string): string {
  return words(name)
    .map((w) => w.toUpperCase())
    .join('_');
}

/** Hands out unique identifiers in call order. */
export class NameAllocator {
  private readonly used = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.used.add(r);
  }

  allocate(base: string): string {
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base}${n}`;
    this.used.add(name);
    return name;
  }
}
