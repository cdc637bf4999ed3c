/**
 * `src/types.ts`: one exported type per component schema. Plain object schemas become interfaces, everything
 * else a type alias; descriptions and `deprecated` become JSDoc.
 */
import { StructureKind, type InterfaceDeclarationStructure, type JSDocStructure, type TypeAliasDeclarationStructure } from 'ts-morph';
import type { IRNamedSchema } from '../ir/types.js';
import { propertyKey, sanitizeDoc, typeExpr, visible, type TypeContext } from './type-expr.js';

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

/**
 * The statement declaring one component: as it is read (`ctx.mode` response) or, under `name` `FooWritable`, as it
 * is written (`ctx.mode` request).
 */
export function schemaStatement(
  named: IRNamedSchema,
  ctx: TypeContext = {},
  name = named.name,
): InterfaceDeclarationStructure | TypeAliasDeclarationStructure {
  const { schema } = named;
  const docs = jsDocs(
    ctx.mode === 'request' ? `${named.name} as sent in requests (read-only properties left out).${schema.description ? `\n\n${schema.description}` : ''}` : schema.description,
    schema.deprecated,
  );
  if (schema.kind === 'object' && !schema.nullable && schema.properties.length > 0) {
    return {
      kind: StructureKind.Interface,
      name,
      isExported: true,
      docs,
      properties: schema.properties.filter((p) => visible(p, ctx)).map((p) => ({
        kind: StructureKind.PropertySignature,
        name: propertyKey(p.name),
        hasQuestionToken: !p.required,
        type: typeExpr(p.schema, ctx),
        docs: jsDocs(p.schema.description, p.schema.deprecated),
      })),
      indexSignatures:
        schema.additional === false
          ? []
          : [{ kind: StructureKind.IndexSignature, keyName: 'key', keyType: 'string', returnType: 'unknown' }],
    };
  }
  return { kind: StructureKind.TypeAlias, name, isExported: true, docs, type: typeExpr(schema, ctx) };
}

