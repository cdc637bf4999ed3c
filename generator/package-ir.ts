/**
 * The IR of a package: a loaded spec, named as its package will be (client name, reserved runtime names) and built
 * with the same options, so that `generate` and `diff` see the same operations and type names: a schema named
 * like a runtime export (`Stream`) gets the same suffix in the changelog as in the package.
 */
import type { Diagnostic } from './diagnostics.js';
import { OBJECT_PROTOTYPE_NAMES, OPERATION_NAMES_TAKEN, reservedTypeNames } from './emit/runtime-files.js';
import { buildIR, type BuildOptions } from './ir/build.js';
import type { IRDocument } from './ir/types.js';
import type { LoadedSpec } from './load/load-spec.js';
import { defaultNaming, type PackageNaming } from './naming.js';

export interface PackageIR {
  ir: IRDocument;
  naming: PackageNaming;
  /** The builder's warnings, each with its pointer (not yet located in a file). */
  warnings: Diagnostic[];
}

export function packageIR(
  loaded: LoadedSpec,
  names: { clientName?: string | undefined; packageName?: string | undefined } = {},
  build: Pick<BuildOptions, 'webhookSignature'> = {},
): PackageIR {
  const title = String((loaded.document.info as { title?: unknown } | undefined)?.title ?? 'API');
  const naming = defaultNaming(title, names, reservedTypeNames());
  const { ir, warnings } = buildIR(loaded.document, {
    reservedTypeNames: reservedTypeNames(naming.clientName),
    reservedOperationNames: OPERATION_NAMES_TAKEN,
    // a resource class's own members (see emit/files/resources.ts)
    reservedResourceMembers: ['client', 'constructor', ...OBJECT_PROTOTYPE_NAMES],
    source: loaded.source,
    ...build,
  });
  return { ir, naming, warnings };
}
