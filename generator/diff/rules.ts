/**
 * The rules `sdkforge diff` judges changes by: one per kind of change, each named (the name is printed with the
 * change) and documented in docs/diff-rules.md. A rule gives the semver level a change needs: `major` (breaking),
 * `minor` (something added) or `patch`.
 *
 * Changes to a schema are judged by the direction it travels. Requests (bodies, parameters) are what the client
 * sends: accepting more is compatible, demanding more breaks. Responses are what the client reads: returning
 * fewer kinds of value is compatible, a value the old type did not allow breaks (code reading it meets something
 * it was not written for). Names are different: a property, parameter, operation or schema that disappears
 * breaks in either direction, since code that uses it stops compiling.
 */
import type { Direction, SemverBump } from './types.js';

export type Level = Exclude<SemverBump, 'none'>;

/**
 * Changes inside a schema, with their level per direction. `scoped` ones are named after where they happen:
 * `request-type-widened` (a whole body or component), `request-parameter-type-widened`, `request-property-type-widened`.
 */
export const SCHEMA_CHANGES = {
  'required-property-added': { request: 'major', response: 'minor', scoped: false },
  'optional-property-added': { request: 'minor', response: 'minor', scoped: false },
  'property-removed': { request: 'major', response: 'major', scoped: false },
  'property-became-required': { request: 'major', response: 'patch', scoped: false },
  'property-became-optional': { request: 'minor', response: 'major', scoped: false },
  /** Allows every value it allowed, and more (`string` → `string | number`, a union variant added, an enum widened to `string`). */
  'type-widened': { request: 'minor', response: 'major', scoped: true },
  /** Allows only some of the values it allowed (`string | number` → `string`, a variant removed, an `allOf` part added). */
  'type-narrowed': { request: 'major', response: 'patch', scoped: true },
  /** Allows some new values and no longer some old ones. */
  'type-changed': { request: 'major', response: 'major', scoped: true },
  /** A value added to a closed enum: a widening, named for what it is. */
  'enum-value-added': { request: 'minor', response: 'major', scoped: true },
  'enum-value-removed': { request: 'major', response: 'patch', scoped: true },
  /** A known value listed beside the type that already allows it (`string | "a"` gains `"b"`): the values allowed do not change. */
  'open-enum-value-added': { request: 'minor', response: 'minor', scoped: true },
  'open-enum-value-removed': { request: 'patch', response: 'patch', scoped: true },
  'became-nullable': { request: 'minor', response: 'major', scoped: true },
  'became-not-nullable': { request: 'major', response: 'patch', scoped: true },
} as const satisfies Record<string, { request: Level; response: Level; scoped: boolean }>;

export type SchemaChange = keyof typeof SCHEMA_CHANGES;

/** Where a schema change happens, for the rule name: the whole schema, a parameter's own type, or a property. */
export type Scope = '' | 'parameter' | 'property';

/** Changes to operations and components as wholes: one level whatever the direction. */
export const FIXED_RULES = {
  'operation-added': 'minor',
  'operation-removed': 'major',
  /** The operationId changed, so the generated method's name did. */
  'operation-renamed': 'major',
  /** Another place in the resource namespaces (`client.things.list` → `client.things.list2`): namespace calls break. */
  'operation-moved': 'major',
  'request-required-parameter-added': 'major',
  'request-optional-parameter-added': 'minor',
  'request-parameter-removed': 'major',
  'request-parameter-became-required': 'major',
  'request-parameter-became-optional': 'minor',
  /** Sent another way: another `style`/`explode`, or another media type for a `content` (querystring) parameter. */
  'request-parameter-serialization-changed': 'major',
  'request-required-body-added': 'major',
  'request-optional-body-added': 'minor',
  'request-body-removed': 'major',
  'request-body-became-required': 'major',
  'request-body-became-optional': 'minor',
  'request-media-type-added': 'minor',
  'request-media-type-removed': 'major',
  'response-media-type-added': 'minor',
  'response-media-type-removed': 'major',
  'response-streaming-added': 'minor',
  'response-streaming-removed': 'major',
  'response-streaming-changed': 'major',
  'response-pagination-added': 'major',
  'response-pagination-removed': 'major',
  'response-pagination-changed': 'major',
  /**
   * The retry policy the spec declares (`x-sdkforge-retries`, `x-speakeasy-retries`) set, changed or removed: which
   * failures are retried and how long between retries; calls, types and answers are unchanged.
   */
  'request-retry-policy-changed': 'patch',
  /**
   * Idempotency keys added, removed or moved to another header: what the server receives changes (a retried call
   * can now be recognised, or no longer), not how the method is called.
   */
  'request-idempotency-changed': 'minor',
  'schema-added': 'minor',
  'schema-removed': 'major',
  /** A named server (3.2 `servers[].name`): a new value of the client's `environment` option. */
  'environment-added': 'minor',
  /** Code passing that `environment` stops compiling (and throws at construction). */
  'environment-removed': 'major',
  /** Same name, another URL: calls go elsewhere, code is unchanged. */
  'environment-url-changed': 'patch',
  /** A security scheme became `deprecated` (3.2): still sent, reported so users can move off it. */
  'security-scheme-deprecated': 'patch',
  /** A tag's `parent` (3.2) was set, changed or removed: how operations are grouped, not how they are called. */
  'tag-parent-changed': 'patch',
  /** A webhook (3.1 `webhooks`): a new member of the event union, as the API sends a new kind of event. */
  'webhook-added': 'minor',
  /** Its payload type leaves the event union (and `WebhookEventMap`): code naming it stops compiling. */
  'webhook-removed': 'major',
} as const satisfies Record<string, Level>;

export type FixedRule = keyof typeof FIXED_RULES;

const ORDER: Record<Level, number> = { patch: 0, minor: 1, major: 2 };

export function maxLevel(levels: Iterable<Level>): SemverBump {
  let best: SemverBump = 'none';
  for (const l of levels) if (best === 'none' || ORDER[l] > ORDER[best]) best = l;
  return best;
}

export function schemaRuleId(change: SchemaChange, direction: Direction, scope: Scope): string {
  return `${direction}-${SCHEMA_CHANGES[change].scoped && scope ? `${scope}-` : ''}${change}`;
}

/**
 * A schema change judged in every direction the schema travels: the highest level wins, and the rule is the one
 * of that direction (the request's on a tie).
 */
export function judgeSchemaChange(change: SchemaChange, scope: Scope, directions: readonly Direction[]): { rule: string; level: Level } {
  let best: { rule: string; level: Level } | undefined;
  for (const d of (['request', 'response'] as const).filter((x) => directions.includes(x))) {
    const level: Level = SCHEMA_CHANGES[change][d];
    if (!best || ORDER[level] > ORDER[best.level]) best = { rule: schemaRuleId(change, d, scope), level };
  }
  if (!best) throw new Error('judgeSchemaChange: no direction');
  return best;
}

/** Every rule name, as documented. */
export function allRuleIds(): string[] {
  const ids: string[] = Object.keys(FIXED_RULES);
  for (const [change, rule] of Object.entries(SCHEMA_CHANGES) as [SchemaChange, (typeof SCHEMA_CHANGES)[SchemaChange]][]) {
    for (const d of ['request', 'response'] as const) {
      const scopes: Scope[] = rule.scoped ? (d === 'request' ? ['', 'parameter', 'property'] : ['', 'property']) : [''];
      for (const s of scopes) ids.push(schemaRuleId(change, d, s));
    }
  }
  return ids;
}
