/** The package version after a suggested bump: plain semver, also below 1.0.0 (a breaking change in 0.x is 1.0.0). */
import type { SemverBump } from './diff/types.js';

// semver.org's grammar: MAJOR.MINOR.PATCH, an optional pre-release and build metadata
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export function isSemver(version: string): boolean {
  return SEMVER.test(version);
}

/**
 * `1.2.3` + `major` → `2.0.0`, `minor` → `1.3.0`, `patch` → `1.2.4`, `none` → `1.2.3`. A pre-release is released
 * by the bump it already anticipates (`2.0.0-rc.1` + `major` → `2.0.0`, + `patch` → `2.0.0`), as `npm version` does.
 * Build metadata is dropped. Throws on a version that is not semver.
 */
export function nextVersion(current: string, bump: SemverBump): string {
  const m = SEMVER.exec(current);
  if (!m) throw new Error(`not a semver version: ${current}`);
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const pre = m[4] !== undefined;
  if (bump === 'none') return current;
  if (bump === 'major') return pre && minor === 0 && patch === 0 ? `${major}.0.0` : `${major + 1}.0.0`;
  if (bump === 'minor') return pre && patch === 0 ? `${major}.${minor}.0` : `${major}.${minor + 1}.0`;
  return pre ? `${major}.${minor}.${patch}` : `${major}.${minor}.${patch + 1}`;
}
