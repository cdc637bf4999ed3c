import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The shared specs and corpora: ../shared beside the repository, or SDKFORGE_SHARED (for a checkout elsewhere, such as a git worktree). */
export const SHARED = path.resolve(process.env.SDKFORGE_SHARED ?? path.join(ROOT, '../shared'));
export const OFFICIAL_SPEC = path.join(SHARED, 'specs/openai/openapi-2026-08-21.yaml');
export const OFFICIAL_SPEC_2025 = path.join(SHARED, 'specs/openai/openapi-2025-04-29.yaml');
export const HAVE_SHARED = existsSync(OFFICIAL_SPEC);
export const TMP = path.join(ROOT, 'test/tmp');
