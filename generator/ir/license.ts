/**
 * The package's licence, from the spec's `info.license`: its `identifier` (3.1), else a `name` that is itself a
 * valid SPDX expression (`MIT`, `Apache-2.0`, `MIT OR Apache-2.0`). A name that is not one (`Apache 2.0`, `MIT
 * License`) or no licence at all gives none: the package then makes no licence claim rather than a wrong one.
 */
import parseSPDX from 'spdx-expression-parse';

export function spdxLicense(license: unknown): string | undefined {
  if (!license || typeof license !== 'object') return undefined;
  const { identifier, name } = license as { identifier?: unknown; name?: unknown };
  for (const candidate of [identifier, name]) {
    if (typeof candidate === 'string' && isSPDX(candidate.trim())) return candidate.trim();
  }
  return undefined;
}

function isSPDX(expression: string): boolean {
  try {
    parseSPDX(expression);
    return true;
  } catch {
    return false;
  }
}
