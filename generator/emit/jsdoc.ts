/** JSDoc structures for ts-morph declarations (operations, client). */
import { StructureKind, type JSDocStructure } from 'ts-morph';
import { sanitizeDoc } from './type-expr.js';

export function jsDocs(description: string | undefined, deprecated?: boolean): JSDocStructure[] {
  if (!description && !deprecated) return [];
  return [
    {
      kind: StructureKind.JSDoc,
      description: description ? sanitizeDoc(description) : '',
      tags: deprecated ? [{ kind: StructureKind.JSDocTag, tagName: 'deprecated' }] : [],
    },
  ];
}
