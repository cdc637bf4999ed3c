/**
 * The options of `sdkforge generate`, declared once. Each entry is one option: its kind, its CLI flag, whether it
 * is a config-file key and a `generate()` option, its help line and its README row. Everything else follows from
 * this table:
 * - the `parseArgs` options of the CLI (`GENERATE_FLAGS`), and the flags → config mapping (`configFromFlags`);
 * - the config keys and their validation (`config.ts` checks each value by its kind);
 * - the types: `SdkforgeConfig` (the config keys) and `TableGenerateOptions` (what `GenerateOptions` in `index.ts`
 *   extends), mapped from the `as const` table so a new entry changes them;
 * - `generate --help` (`generateHelp`), and README.md's option table and `generate()` key list
 *   (`renderReadmeOptions`, kept in step by generator/options.test.ts; `node scripts/update-readme-options.mjs`
 *   after `npm run compile` rewrites them).
 *
 * The table key is the config key and the `generate()` option name; the flag is the key in kebab case. A kind says
 * how a value is read: `path` (a config file's relative path resolves against the file; URLs are kept), `paths`
 * (the same, repeatable: the flag, named in the singular, is given once per path; a config file's value is an
 * array), `string`,
 * `list` (a comma-separated string or, in a config file, an array), `boolean`, `milliseconds` (a positive whole
 * number). The option's key order is the order of the help text and the README.
 *
 * `Selection` in ir/filter.ts stays its own type: the IR does not depend on the CLI's table; `generate()` passing
 * its options to `selectOperations` checks the two agree.
 */
import { DEFAULT_FETCH_TIMEOUT } from './load/fetch-text.js';

export const DEFAULT_SPEC = 'spec/openai.yaml';
export const DEFAULT_OUT = 'generated';

export type OptionKind = 'path' | 'paths' | 'string' | 'list' | 'boolean' | 'milliseconds';

/** The value an option of each kind has once read. */
export interface KindValue {
  path: string;
  paths: string[];
  string: string;
  list: string[];
  boolean: boolean;
  milliseconds: number;
}

export interface OptionEntry {
  kind: OptionKind;
  /** The long flag, without `--`. */
  flag: string;
  short?: string;
  /** The help text's name for the value (`PATH|URL`); none for a boolean. */
  arg?: string;
  /** The heading the option is listed under in `generate --help`. */
  group: HelpGroup;
  /** Whether a config file may set it (under the entry's key). */
  config: boolean;
  /** Whether `generate()` takes it (under the entry's key). */
  generate: boolean;
  /** The help line, after the flag. */
  help: string;
  /** The README table row: the default (markdown; empty when there is none) and what the option does. */
  readme?: { default: string; meaning: string };
}

const GROUPS = ['Input and output', 'Selection (comma-separated lists)', 'Naming', 'Generated client', 'Modes and reporting'] as const;
type HelpGroup = (typeof GROUPS)[number];

export const OPTIONS = {
  spec: {
    kind: 'path',
    flag: 'spec',
    arg: 'PATH|URL',
    group: 'Input and output',
    config: true,
    generate: true,
    help: `the OpenAPI document (default ${DEFAULT_SPEC})`,
    readme: {
      default: `\`${DEFAULT_SPEC}\``,
      meaning:
        'OpenAPI 3.0 or 3.1 document (or Swagger 2.0, converted to OpenAPI 3.0 first), YAML or JSON, a path or an http(s) URL; `$ref`s to other files and URLs are followed',
    },
  },
  overlays: {
    kind: 'paths',
    flag: 'overlay',
    arg: 'FILE|URL',
    group: 'Input and output',
    config: true,
    generate: true,
    help: 'apply an OpenAPI Overlay (1.0 or 1.1) to the spec first; repeatable, applied in order',
    readme: {
      default: 'none',
      meaning:
        'OpenAPI Overlay 1.0 or 1.1 documents (`update`, `remove`, `copy`; RFC 9535 JSONPath targets) applied in order to the spec before anything reads it; repeat the flag for several (see [Overlays](#overlays))',
    },
  },
  out: {
    kind: 'path',
    flag: 'out',
    arg: 'DIR',
    group: 'Input and output',
    config: true,
    generate: true,
    help: `the output directory (default ${DEFAULT_OUT}); replaced only when generation succeeds`,
    readme: {
      default: `\`${DEFAULT_OUT}\``,
      meaning:
        "output directory; replaced only after generation fully succeeds (what the package's own scripts made there is kept: `dist/`, `node_modules/`, `package-lock.json`, `*.tgz`); a file, or a place that cannot be written, is an error before any work",
    },
  },
  config: {
    kind: 'path',
    flag: 'config',
    arg: 'FILE',
    group: 'Input and output',
    config: false,
    generate: false,
    help: 'read options from FILE instead of sdkforge.config.*',
    readme: { default: '`sdkforge.config.{json,yaml,yml,mjs}` in the current directory', meaning: 'where to read options from' },
  },
  fetchTimeout: {
    kind: 'milliseconds',
    flag: 'fetch-timeout',
    arg: 'MS',
    group: 'Input and output',
    config: true,
    generate: true,
    help: `fail when a spec URL or remote $ref has not answered in full within MS ms (default ${DEFAULT_FETCH_TIMEOUT})`,
    readme: {
      default: `\`${DEFAULT_FETCH_TIMEOUT}\``,
      meaning: 'milliseconds a spec URL, or a URL a `$ref` names, may take to answer in full; past it loading fails naming the URL (and the `$ref` pointing at it)',
    },
  },
  includeTags: {
    kind: 'list',
    flag: 'include-tags',
    arg: 'LIST',
    group: 'Selection (comma-separated lists)',
    config: true,
    generate: true,
    help: 'keep only operations with one of these tags',
    readme: { default: 'all', meaning: 'keep only operations with one of these tags (case-insensitive)' },
  },
  excludeTags: {
    kind: 'list',
    flag: 'exclude-tags',
    arg: 'LIST',
    group: 'Selection (comma-separated lists)',
    config: true,
    generate: true,
    help: 'drop operations with any of these tags',
    readme: { default: 'none', meaning: 'drop operations with any of these tags (case-insensitive)' },
  },
  includePaths: {
    kind: 'list',
    flag: 'include-paths',
    arg: 'LIST',
    group: 'Selection (comma-separated lists)',
    config: true,
    generate: true,
    help: 'keep only operations whose path matches a glob (* within a segment, ** across)',
    readme: { default: 'all', meaning: 'keep only operations whose path matches a glob (`*` within a segment, `**` across)' },
  },
  includeOperations: {
    kind: 'list',
    flag: 'include-operations',
    arg: 'LIST',
    group: 'Selection (comma-separated lists)',
    config: true,
    generate: true,
    help: 'keep only these operations (operationId or generated name)',
    readme: { default: 'all', meaning: 'keep only these operations (operationId or generated name)' },
  },
  clientName: {
    kind: 'string',
    flag: 'client-name',
    arg: 'NAME',
    group: 'Naming',
    config: true,
    generate: true,
    help: 'the client class (default: from the spec title, e.g. OpenAI)',
    readme: {
      default:
        'from `info.title` (`OpenAI API` → `OpenAI`; `Netlify\'s API documentation` → `Netlify`; `Swagger Petstore - OpenAPI 3.0` → `SwaggerPetstore`; `Stream API` → `StreamClient`, as the runtime exports `Stream`)',
      meaning: 'the client class name (an error if it is no class name or the runtime exports it)',
    },
  },
  packageName: {
    kind: 'string',
    flag: 'package-name',
    arg: 'NAME',
    group: 'Naming',
    config: true,
    generate: true,
    help: 'the package name (default: @sdkforge/<title>)',
    readme: {
      default: '`@sdkforge/<name>` (`@sdkforge/netlify`); the key and base URL variables are `<NAME>_API_KEY` and `<NAME>_BASE_URL`',
      meaning: "the package name (checked against npm's rules)",
    },
  },
  packageVersion: {
    kind: 'string',
    flag: 'package-version',
    arg: 'X.Y.Z',
    group: 'Naming',
    config: true,
    generate: true,
    help: "the package version (default: the spec's info.version when it is semver, else 0.0.0)",
    readme: {
      default: "the spec's `info.version` when it is semver, else `0.0.0`",
      meaning: "the package's version (checked: semver); see `diff --current-version` for the next one",
    },
  },
  webhookSignature: {
    kind: 'string',
    flag: 'webhook-signature',
    arg: 'SCHEME',
    group: 'Generated client',
    config: true,
    generate: true,
    help: "how client.webhooks.unwrap verifies webhooks: standard-webhooks (default) or none",
    readme: {
      default: "the spec's `x-sdkforge-webhooks` `signature`, else `standard-webhooks`",
      meaning:
        'for a spec with `webhooks`: `standard-webhooks` verifies each event\'s signature (HMAC-SHA256, `webhook-id`/`webhook-timestamp`/`webhook-signature` headers) before `unwrap` parses it; `none` only parses (see [Webhooks](#webhooks))',
    },
  },
  resourcesOnly: {
    kind: 'boolean',
    flag: 'resources-only',
    group: 'Generated client',
    config: true,
    generate: true,
    help: 'the client class has resource namespaces only (client.chat.completions.create), no flat method per operation',
    readme: {
      default: '',
      meaning:
        'the client class offers the operations in their resource namespaces only (`client.chat.completions.create(…)`), without a flat method per operation (`client.createChatCompletion(…)`); the standalone functions stay',
    },
  },
  split: {
    kind: 'string',
    flag: 'split',
    arg: 'LAYOUT',
    group: 'Generated client',
    config: true,
    generate: true,
    help: 'auto (default: split big specs), resource, tag or none: types and operations in one file, or per resource/tag',
    readme: {
      default: '`auto`: `resource` for a spec with more than 500 operations or 2,500 component schemas, else `none`',
      meaning:
        '`none`: one `src/types.ts` and `src/operations.ts`; `resource` (or `tag`): per top-level resource namespace (or first tag) a directory `src/resources/<unit>/` with its types, operations and resource classes, exported as `<package>/resources/<unit>`, so a consumer importing one unit type-checks that unit and the shared types, not the whole API (see [Split output](#split-output))',
    },
  },
  check: {
    kind: 'boolean',
    flag: 'check',
    group: 'Modes and reporting',
    config: true,
    generate: false,
    help: 'write nothing; exit 0 if DIR equals what would be generated, else 1 with a diff',
    readme: {
      default: '',
      meaning: 'write nothing; exit 0 if `--out` already equals what would be generated, else exit 1 listing each differing file with a short unified diff',
    },
  },
  watch: {
    kind: 'boolean',
    flag: 'watch',
    group: 'Modes and reporting',
    config: true,
    generate: false,
    help: 'regenerate whenever the spec or a file it $refs changes',
    readme: {
      default: '',
      meaning: 'regenerate when the spec or any file it `$ref`s changes (debounced; a broken save prints its diagnostic and waits); not with `--check`',
    },
  },
  verbose: {
    kind: 'boolean',
    flag: 'verbose',
    group: 'Modes and reporting',
    config: true,
    generate: false,
    help: 'also print per-phase timings, the pagination found, how operations were placed in resource namespaces (and each collision), and warnings shown only here',
    readme: { default: '', meaning: 'add per-phase timings (load, IR, emit, format, write), how many operations page by each scheme and why, how many each naming rule placed in resource namespaces and every collision (wanted and given place), and the warnings shown only here (`pagination-unrecognized`); not with `--quiet`' },
  },
  quiet: {
    kind: 'boolean',
    flag: 'quiet',
    group: 'Modes and reporting',
    config: true,
    generate: false,
    help: 'print errors only',
    readme: { default: '', meaning: 'print errors only' },
  },
  debug: {
    kind: 'boolean',
    flag: 'debug',
    group: 'Modes and reporting',
    config: true,
    generate: false,
    help: 'print stack traces of internal errors',
    readme: { default: '', meaning: 'print stack traces of internal errors' },
  },
  help: {
    kind: 'boolean',
    flag: 'help',
    short: 'h',
    group: 'Modes and reporting',
    config: false,
    generate: false,
    help: 'show this help',
  },
} as const satisfies Record<string, OptionEntry>;

type Table = typeof OPTIONS;
export type OptionKey = keyof Table;
type KeysWhere<Field extends 'config' | 'generate'> = { [K in OptionKey]: Table[K][Field] extends true ? K : never }[OptionKey];
type ValuesOf<Keys extends OptionKey> = { [K in Keys]?: KindValue[Table[K]['kind']] };

/** The keys a config file may set, with their values as read. */
export type SdkforgeConfig = ValuesOf<KeysWhere<'config'>>;
/** The options of `generate()` the CLI also takes (`GenerateOptions` adds the programmatic ones). */
export type TableGenerateOptions = ValuesOf<KeysWhere<'generate'>>;

const entries = Object.entries(OPTIONS) as [OptionKey, OptionEntry][];

/** The config keys, in table order. */
export const CONFIG_KEYS = entries.filter(([, e]) => e.config).map(([k]) => k) as (keyof SdkforgeConfig)[];
/** The keys `generate()` takes from the table, in table order. */
export const GENERATE_KEYS = entries.filter(([, e]) => e.generate).map(([k]) => k) as (keyof TableGenerateOptions)[];

/** The entry of a config key, or undefined for a key that is none (also for `toString` and the like). */
export function configEntry(key: string): OptionEntry | undefined {
  const entry = Object.hasOwn(OPTIONS, key) ? (OPTIONS as Record<string, OptionEntry>)[key] : undefined;
  return entry?.config ? entry : undefined;
}

/** `parseArgs` options for `generate`: a boolean flag is a switch, every other kind takes a string (`paths`: repeatable). */
export const GENERATE_FLAGS = Object.fromEntries(
  entries.map(([, e]) => [
    e.flag,
    { type: e.kind === 'boolean' ? 'boolean' : 'string', ...(e.kind === 'paths' ? { multiple: true } : {}), ...(e.short ? { short: e.short } : {}) },
  ]),
) as {
  [K in OptionKey as Table[K]['flag']]: Table[K]['kind'] extends 'paths'
    ? { type: 'string'; multiple: true }
    : { type: Table[K]['kind'] extends 'boolean' ? 'boolean' : 'string'; short?: string };
};

/** The help lines of `generate`, grouped under their headings, the help text aligned at column 30. */
export function generateHelpOptions(): string {
  const lines: string[] = [];
  for (const group of GROUPS) {
    lines.push(`${group}:`);
    for (const [, e] of entries) {
      if (e.group !== group) continue;
      const flag = `${e.short ? `-${e.short}, ` : ''}--${e.flag}${e.arg ? ` ${e.arg}` : ''}`;
      lines.push(`  ${flag.padEnd(27)} ${e.help}`);
    }
  }
  return lines.join('\n');
}

const row = (cells: string[]) => `|${cells.map((c) => (c ? ` ${c.replace(/\|/g, '\\|')} ` : ' ')).join('|')}|`;

/** README.md's option table, one row per option that has README text. */
export function renderOptionsTable(): string {
  const rows = entries
    .filter(([, e]) => e.readme)
    .map(([key, e]) => row([`\`--${e.flag}\``, e.config ? `\`${key}\`` : '', e.readme!.default, e.readme!.meaning]));
  return [row(['option', 'config key', 'default', 'meaning']), row(['---', '---', '---', '---']), ...rows].join('\n');
}

/** The `generate()` options README.md lists, in table order. */
export function renderGenerateKeys(): string {
  return GENERATE_KEYS.map((k) => `\`${k}\``).join(', ');
}

/** The README regions the table renders, each between `<!-- options:NAME -->` and `<!-- /options:NAME -->`. */
export const README_REGIONS = { table: renderOptionsTable, 'generate-keys': renderGenerateKeys } as const;
export type ReadmeRegion = keyof typeof README_REGIONS;

const markers = (name: ReadmeRegion) => [`<!-- options:${name} -->`, `<!-- /options:${name} -->`] as const;

/** A region as README.md holds it, markers included; a table is set off by blank lines so the markers stay HTML blocks of their own. */
export function readmeRegion(name: ReadmeRegion): string {
  const [open, close] = markers(name);
  const body = README_REGIONS[name]();
  return body.includes('\n') ? `${open}\n\n${body}\n\n${close}` : `${open}${body}${close}`;
}

/**
 * `readme` with every options region replaced by its rendering. A region that is missing is an error, so the
 * check cannot pass on a README that lost its markers.
 */
export function renderReadmeOptions(readme: string): string {
  let text = readme;
  for (const name of Object.keys(README_REGIONS) as ReadmeRegion[]) {
    const [open, close] = markers(name);
    const start = text.indexOf(open);
    const end = text.indexOf(close);
    if (start < 0 || end < start) throw new Error(`README.md has no ${open} … ${close} region`);
    text = text.slice(0, start) + readmeRegion(name) + text.slice(end + close.length);
  }
  return text;
}
