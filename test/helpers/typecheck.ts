/**
 * Type-checks files in-process with the TypeScript compiler, strict, as a consumer would compile them.
 */
import path from 'node:path';
import ts from 'typescript';

export interface TypeError {
  file: string;
  line: number;
  message: string;
}

export const STRICT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

export function typecheck(files: string[], options: ts.CompilerOptions = {}): TypeError[] {
  const program = ts.createProgram(files, { ...STRICT_OPTIONS, ...options });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return {
      file: d.file ? path.relative(process.cwd(), d.file.fileName) : '',
      line: pos ? pos.line + 1 : 0,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    };
  });
}

export function listTsFiles(dir: string): string[] {
  return ts.sys.readDirectory(dir, ['.ts'], ['**/*.d.ts', '**/dist/**', '**/node_modules/**'], ['**/*']);
}
