/** What `sdkforge diff` reports: changes between two versions of a spec, each judged by a named rule. */

export type ChangeKind = 'added' | 'removed' | 'changed';

/** The way a schema travels: the client sends requests (bodies, parameters) and reads responses. */
export type Direction = 'request' | 'response';

export type SemverBump = 'major' | 'minor' | 'patch' | 'none';

export interface SpecChange {
  subject: 'operation' | 'schema' | 'environment' | 'security-scheme' | 'tag' | 'webhook';
  /** Operation name (`listModels`), schema name, environment, security scheme, tag or webhook name. */
  name: string;
  kind: ChangeKind;
  breaking: boolean;
  /** The rule that judged it, e.g. `request-property-removed` (see docs/diff-rules.md). */
  rule: string;
  /** JSON pointer in the new document (the old one for removals). */
  pointer: string;
  message: string;
}

export interface DiffSide {
  title: string;
  version: string;
  /** The path or URL the document was read from (absent when diffing documents in memory). */
  source?: string;
}

export interface SpecDiff {
  from: DiffSide;
  to: DiffSide;
  changes: SpecChange[];
  bump: SemverBump;
  /** The package version given with `--current-version`, and that version bumped by `bump`. */
  currentVersion?: string;
  nextVersion?: string;
}
