/**
 * Emit: IR → the generated package's files. `planPackage` (`plan.ts`) computes what the files share; each output
 * file has its own emitter in `emit/files/`: `src/types.ts` is printed in prettier's layout (`emit-types.ts`);
 * `src/operations.ts`, `src/resources.ts`, `src/client.ts`, `src/defaults.ts` and `src/index.ts` are built with ts-morph from statement
 * structures (unformatted: `format.ts` formats them); the runtime modules the package needs are copied from
 * `generator/runtime/`; `package.json`, `README.md`, the tsconfig files and `.gitignore` are rendered from
 * `templates/`, already in prettier's form. This module owns the file list and what every file may rely on: the
 * runtime sources and the names they export.
 */
import type { IRDocument } from '../ir/types.js';
import { clientFile } from './files/client.js';
import { defaultsFile } from './files/defaults.js';
import { indexFile } from './files/index.js';
import { operationsFile } from './files/operations.js';
import { packageFiles } from './files/package-json.js';
import { readmeFile } from './files/readme.js';
import { resourcesFile } from './files/resources.js';
import { runtimeFiles } from './files/runtime.js';
import { splitFiles } from './files/split.js';
import { typesFile } from './files/types.js';
import { webhooksFile } from './files/webhooks.js';
import { planPackage, type EmitContext, type PackagePlan } from './plan.js';

export type { EmitContext } from './plan.js';
export { HEADER } from './source-file.js';

/**
 * Files emitted already in prettier's form, which `format` leaves as they are (tests check they are): the runtime,
 * `src/types.ts` (printed in prettier's layout), the README and the JSON files (templates written so).
 */
export const PREFORMATTED = (name: string): boolean =>
  name === 'src/types.ts' ||
  name === 'src/shared-types.ts' ||
  name === 'src/other-types.ts' ||
  name === 'src/operations.ts' ||
  name === 'src/resources.ts' ||
  name === 'src/client.ts' ||
  /^src\/resources\/[^/]+\/(?:types|operations|resource)\.ts$/.test(name) || name.startsWith('src/runtime/') || name === 'README.md' || name === '.gitignore' || name.endsWith('.json');

type Emitter = (plan: PackagePlan) => [string, string][];

/** The files of the types, operations and resource classes: one each, or split per unit (`layout.ts`). */
const LAYOUTS: { single: Emitter[]; split: Emitter[] } = { single: [typesFile, operationsFile, resourcesFile], split: [splitFiles] };

/**
 * The package's output files, one emitter each, in order. A new output file (or a layout that replaces some) is an
 * emitter in `emit/files/` and an entry here.
 */
const FILES = (plan: PackagePlan): Emitter[] => [
  ...LAYOUTS[plan.split ? 'split' : 'single'],
  webhooksFile,
  defaultsFile,
  clientFile,
  indexFile,
  runtimeFiles,
  packageFiles,
  readmeFile,
];

export function emitPackage(ir: IRDocument, ctx: EmitContext): Map<string, string> {
  const plan = planPackage(ir, ctx);
  return new Map(FILES(plan).flatMap((emit) => emit(plan)));
}
