/** Import declarations the source files share: the runtime types signatures name, and component types. */
import { StructureKind, type StatementStructures } from 'ts-morph';
import type { OperationShape } from '../signature.js';

/** `import type { APIPromise } …` and friends, for what the signatures name. */
export function runtimeTypeImports(shapes: OperationShape[]): StatementStructures[] {
  const text = shapes.map((s) => [s.returnType, ...s.overloads.map((o) => o.returnType)].join(' ')).join(' ');
  const imports: [string, string][] = [
    ['APIPromise', './runtime/api-promise.js'],
    ['PagePromise', './runtime/pagination.js'],
    ['Stream', './runtime/stream.js'],
  ];
  return imports
    .filter(([name]) => new RegExp(`\\b${name}<`).test(text))
    .map(([name, moduleSpecifier]) => ({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier, namedImports: [name] }));
}

/** `import type { … } from './types.js'` for the component types `names`, if any. */
export function typeImport(names: Set<string>): StatementStructures[] {
  return names.size ? [{ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './types.js', namedImports: [...names].sort() }] : [];
}
