/**
 * `src/types.ts`: one exported type per component schema. Plain object schemas become interfaces, everything
 * else a type alias; descriptions and `deprecated` become JSDoc.
 */
import { StructureKind, type InterfaceDeclarationStructure, type JSDocStructure, type TypeAliasDeclarationStructure } from 'ts-morph';
import type { IRNamedSchema } from '../ir/types.js';
import { propertyKey, sanitizeDoc, typeExpr } from './type-expr.js';

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

export function schemaStatement(named: IRNamedSchema): InterfaceDeclarationStructure | TypeAliasDeclarationStructure {
  const { schema } = named;
  const docs = jsDocs(schema.description, schema.deprecated);
  if (schema.kind === 'object' && !schema.nullable && schema.properties.length > 0) {
    return {
      kind: StructureKind.Interface,
      name: named.name,
      isExported: true,
      docs,
      properties: schema.properties.map((p) => ({
        kind: StructureKind.PropertySignature,
        name: propertyKey(p.name),
        hasQuestionToken: !p.required,
        type: typeExpr(p.schema),
        docs: jsDocs(p.schema.description, p.schema.deprecated),
      })),
      indexSignatures:
        schema.additional === false
          ? []
          : [{ kind: StructureKind.IndexSignature, keyName: 'key', keyType: 'string', returnType: 'unknown' }],
    };
  }
  return { kind: StructureKind.TypeAlias, name: named.name, isExported: true, docs, type: typeExpr(schema) };
}

