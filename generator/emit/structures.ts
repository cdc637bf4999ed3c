/**
 * The statement structures the emitters describe source files with (imports, exports, functions with overloads,
 * interfaces, type aliases, variable statements, JSDoc), and their printer; the big modules (types, operations,
 * resource classes, the client class) are printed in prettier's layout instead (`emit-types.ts`, `code-layout.ts`). The shapes are ts-morph's
 * (`StatementStructures` and friends, the subset sdkforge uses), printed as ts-morph prints them, statement
 * separation included: prettier, which formats the text afterwards, keeps the blank lines it finds between
 * statements and members, so those decide the output and everything else it lays out itself.
 *
 * Printing here instead of through ts-morph's `Project` spares every generation loading the TypeScript compiler
 * and parsing each printed file back into a syntax tree nobody reads: on a spec 16 times the official OpenAI one
 * that was 4 s of 18 (and 0.5 s and 70 MB of start-up on any spec). Tests hold the printed files to what ts-morph
 * printed, through prettier, on every spec they generate (`structures.test.ts`).
 */

export const StructureKind = {
  ExportDeclaration: 'export-declaration',
  Function: 'function',
  ImportDeclaration: 'import-declaration',
  Interface: 'interface',
  JSDoc: 'jsdoc',
  JSDocTag: 'jsdoc-tag',
  Parameter: 'parameter',
  PropertySignature: 'property-signature',
  TypeAlias: 'type-alias',
  VariableStatement: 'variable-statement',
} as const;

export const VariableDeclarationKind = { Const: 'const', Let: 'let' } as const;
export type VariableDeclarationKind = (typeof VariableDeclarationKind)[keyof typeof VariableDeclarationKind];

export type OptionalKind<T extends { kind?: unknown }> = Omit<T, 'kind'> & { kind?: T['kind'] };

export interface JSDocTagStructure {
  kind?: typeof StructureKind.JSDocTag;
  tagName: string;
  text?: string;
}

export interface JSDocStructure {
  kind?: typeof StructureKind.JSDoc;
  description?: string;
  tags?: JSDocTagStructure[];
}

export type Docs = (JSDocStructure | string)[];

export interface ParameterDeclarationStructure {
  kind?: typeof StructureKind.Parameter;
  name: string;
  type?: string;
  hasQuestionToken?: boolean;
  initializer?: string;
}

interface Signature {
  docs?: Docs;
  parameters?: OptionalKind<ParameterDeclarationStructure>[];
  returnType?: string;
}

export interface FunctionDeclarationStructure extends Signature {
  kind: typeof StructureKind.Function;
  name: string;
  isExported?: boolean;
  overloads?: Signature[];
  statements?: string | string[];
}

export interface PropertySignatureStructure {
  kind?: typeof StructureKind.PropertySignature;
  name: string;
  docs?: Docs;
  isReadonly?: boolean;
  hasQuestionToken?: boolean;
  type?: string;
}

export interface InterfaceDeclarationStructure {
  kind: typeof StructureKind.Interface;
  name: string;
  isExported?: boolean;
  docs?: Docs;
  extends?: string[];
  properties?: PropertySignatureStructure[];
}

export interface TypeAliasDeclarationStructure {
  kind: typeof StructureKind.TypeAlias;
  name: string;
  isExported?: boolean;
  docs?: Docs;
  type: string;
}

export interface VariableStatementStructure {
  kind: typeof StructureKind.VariableStatement;
  isExported?: boolean;
  docs?: Docs;
  declarationKind?: VariableDeclarationKind;
  declarations: { name: string; type?: string; initializer?: string }[];
}

type Specifier = string | { name: string; alias?: string };

export interface ImportDeclarationStructure {
  kind: typeof StructureKind.ImportDeclaration;
  moduleSpecifier: string;
  isTypeOnly?: boolean;
  namedImports?: Specifier[];
  namespaceImport?: string;
}

export interface ExportDeclarationStructure {
  kind: typeof StructureKind.ExportDeclaration;
  moduleSpecifier?: string;
  isTypeOnly?: boolean;
  namedExports?: Specifier[];
}

export type StatementStructures =
  | ImportDeclarationStructure
  | ExportDeclarationStructure
  | FunctionDeclarationStructure
  | InterfaceDeclarationStructure
  | TypeAliasDeclarationStructure
  | VariableStatementStructure;

/** Builds the text line by line; `blank()` and `newline()` separate as ts-morph's writer does. */
class Writer {
  private readonly lines: string[] = [''];
  private depth = 0;

  write(text: string): this {
    const parts = text.split('\n');
    this.append(parts[0]!);
    for (const part of parts.slice(1)) {
      this.lines.push('');
      this.append(part);
    }
    return this;
  }

  private append(text: string): void {
    if (text === '') return;
    const last = this.lines.length - 1;
    if (this.lines[last] === '') this.lines[last] = '    '.repeat(this.depth);
    this.lines[last] += text;
  }

  /** Ends the current line, unless it is empty. */
  newline(): this {
    if (this.lines.at(-1)!.trim() !== '') this.lines.push('');
    return this;
  }

  /** One empty line before what follows (none at the start of the text or of a block). */
  blank(): this {
    if (this.atBlockStart()) return this;
    this.newline();
    if (this.lines.length < 2 || this.lines.at(-2)!.trim() !== '') this.lines.push('');
    return this;
  }

  atBlockStart(): boolean {
    const filled = this.lastFilled();
    return filled === undefined || filled.trimEnd().endsWith('{');
  }

  /** The last non-empty line. */
  lastFilled(): string | undefined {
    for (let i = this.lines.length - 1; i >= 0; i--) if (this.lines[i]!.trim() !== '') return this.lines[i];
    return undefined;
  }

  /** `{`, the block's content indented, `}`. */
  block(body: () => void): this {
    this.write(' {').newline();
    this.depth++;
    body();
    this.depth--;
    this.newline().write('}');
    return this;
  }

  toString(): string {
    const text = this.lines.join('\n');
    return text.endsWith('\n') || text === '' ? text : `${text}\n`;
  }
}

/** Each JSDoc of `list` as a block comment, as it is printed before its declaration. */
export function commentTexts(list: Docs | undefined): string[] {
  return (list ?? []).map((doc) => {
    const text = typeof doc === 'string' ? doc : docText(doc);
    const lines = text.split(/\r?\n/);
    const start = lines[0] === '' ? 1 : 0;
    if (lines.length <= 1) return `/** ${lines[0]} */`;
    return `/**\n${lines.slice(start).map((l) => (l ? ` * ${l}` : ' *')).join('\n')}\n */`;
  });
}

function docs(w: Writer, list: Docs | undefined): void {
  for (const comment of commentTexts(list)) w.write(comment).newline();
}

function docText(doc: JSDocStructure): string {
  const tags = (doc.tags ?? []).map((t) => `@${t.tagName}${t.text ? ` ${t.text}` : ''}`);
  return [...(doc.description ? [doc.description] : []), ...tags].join('\n');
}

function parameters(list: OptionalKind<ParameterDeclarationStructure>[] | undefined): string {
  return (list ?? [])
    .map((p) => `${p.name}${p.hasQuestionToken ? '?' : ''}${p.type ? `: ${p.type}` : ''}${p.initializer ? ` = ${p.initializer}` : ''}`)
    .join(', ');
}

function signature(head: string, s: Signature): string {
  return `${head}(${parameters(s.parameters)})${s.returnType ? `: ${s.returnType}` : ''}`;
}

/** A block's statements: each on its own line, a blank line after one that ends with `}`. */
function bodyStatements(w: Writer, statements: string | string[] | undefined): void {
  for (const statement of typeof statements === 'string' ? [statements] : (statements ?? [])) {
    if (w.lastFilled()?.trimEnd().endsWith('}') && !w.atBlockStart()) w.blank();
    else w.newline();
    w.write(statement);
  }
}

/** A function or method: its overloads (each `;`), then the implementation. */
function callable(w: Writer, head: string, s: Signature & { overloads?: Signature[]; statements?: string | string[] }): void {
  for (const overload of s.overloads ?? []) {
    docs(w, overload.docs);
    w.write(`${signature(head, overload)};`).newline();
  }
  docs(w, s.docs);
  w.write(signature(head, s)).block(() => bodyStatements(w, s.statements));
}

const exported = (s: { isExported?: boolean }) => (s.isExported ? 'export ' : '');

function specifiers(list: Specifier[]): string {
  return list.map((s) => (typeof s === 'string' ? s : s.alias ? `${s.name} as ${s.alias}` : s.name)).join(', ');
}

function statement(w: Writer, s: StatementStructures): void {
  switch (s.kind) {
    case StructureKind.ImportDeclaration: {
      const clause = s.namespaceImport ? `* as ${s.namespaceImport}` : `{ ${specifiers(s.namedImports ?? [])} }`;
      w.write(`import ${s.isTypeOnly ? 'type ' : ''}${clause} from ${quote(s.moduleSpecifier)};`);
      return;
    }
    case StructureKind.ExportDeclaration: {
      const clause = s.namedExports?.length ? `{ ${specifiers(s.namedExports)} }` : '*';
      w.write(`export ${s.isTypeOnly ? 'type ' : ''}${clause}${s.moduleSpecifier ? ` from ${quote(s.moduleSpecifier)}` : ''};`);
      return;
    }
    case StructureKind.TypeAlias:
      docs(w, s.docs);
      w.write(`${exported(s)}type ${s.name} = ${s.type};`);
      return;
    case StructureKind.VariableStatement:
      docs(w, s.docs);
      w.write(`${exported(s)}${s.declarationKind ?? 'let'} ${s.declarations.map((d) => `${d.name}${d.type ? `: ${d.type}` : ''}${d.initializer ? ` = ${d.initializer}` : ''}`).join(', ')};`);
      return;
    case StructureKind.Function:
      callable(w, `${exported(s)}function ${s.name}`, s);
      return;
    case StructureKind.Interface:
      docs(w, s.docs);
      w.write(`${exported(s)}interface ${s.name}${s.extends?.length ? ` extends ${s.extends.join(', ')}` : ''}`).block(() => {
        for (const p of s.properties ?? []) {
          w.newline();
          docs(w, p.docs);
          w.write(`${p.isReadonly ? 'readonly ' : ''}${p.name}${p.hasQuestionToken ? '?' : ''}${p.type ? `: ${p.type}` : ''};`);
        }
      });
      return;
  }
}

function quote(text: string): string {
  return JSON.stringify(text);
}

/**
 * Whether an empty line separates a top-level statement from the one before it: after a statement ending with `}`,
 * and before a function or interface declaration, as ts-morph separates them (prettier keeps them). The one rule of
 * both module printers, this one's and `code-layout.ts`'s `moduleText`.
 */
export function blankLineBefore(previousEndsWithBrace: boolean, declaration: boolean): boolean {
  return previousEndsWithBrace || declaration;
}

/** The source text of `statements`, separated as ts-morph separates them (see the module comment). */
export function printStatements(statements: StatementStructures[]): string {
  const w = new Writer();
  for (const s of statements) {
    const declaration = s.kind === StructureKind.Function || s.kind === StructureKind.Interface;
    if (blankLineBefore(!!w.lastFilled()?.trimEnd().endsWith('}'), declaration)) w.blank();
    else w.newline();
    statement(w, s);
  }
  return w.toString();
}
