/** JSDoc structures for ts-morph declarations (operations, client). */
import { StructureKind, type JSDocStructure } from './structures.js';
import { sanitizeDoc } from './type-expr.js';

export function jsDocs(description: string | undefined, deprecated?: boolean, returns?: string): JSDocStructure[] {
  if (!description && !deprecated && !returns) return [];
  return [
    {
      kind: StructureKind.JSDoc,
      description: description ? sanitizeDoc(description) : '',
      tags: [
        ...(returns ? [{ kind: StructureKind.JSDocTag, tagName: 'returns', text: sanitizeDoc(returns) }] : []),
        ...(deprecated ? [{ kind: StructureKind.JSDocTag, tagName: 'deprecated' }] : []),
      ],
    },
  ];
}
