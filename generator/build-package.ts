/**
 * Compiles a generated package (`src/`) into `dist/esm` (ES modules) and `dist/cjs` (CommonJS), each with
 * `.d.ts` declarations, using the TypeScript compiler (a devDependency: this is build tooling, not needed to generate). Usage: `build-package.js DIR`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

const BASE: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  strict: true,
  declaration: true,
  skipLibCheck: true,
  types: [],
};

function compile(dir: string, options: ts.CompilerOptions): string[] {
  const root = path.join(dir, 'src');
  const files = ts.sys.readDirectory(root, ['.ts'], ['**/*.d.ts'], ['**/*']);
  const program = ts.createProgram(files, { ...BASE, rootDir: root, ...options });
  const result = program.emit();
  return ts
    .getPreEmitDiagnostics(program)
    .concat(result.diagnostics)
    .map((d) => ts.formatDiagnostic(d, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' }));
}

export function buildPackage(dir: string): string[] {
  const dist = path.join(dir, 'dist');
  rmSync(dist, { recursive: true, force: true });
  const errors = [
    ...compile(dir, { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, outDir: path.join(dist, 'esm') }),
    ...compile(dir, { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, outDir: path.join(dist, 'cjs') }),
  ];
  mkdirSync(path.join(dist, 'cjs'), { recursive: true });
  writeFileSync(path.join(dist, 'cjs', 'package.json'), JSON.stringify({ type: 'commonjs' }, null, 2) + '\n');
  return errors;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = path.resolve(process.argv[2] ?? 'generated');
  const errors = buildPackage(dir);
  for (const e of errors) process.stderr.write(e);
  if (errors.length) {
    process.stderr.write(`build-package: ${errors.length} TypeScript error(s) in ${dir}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`build-package: compiled ${path.relative(process.cwd(), dir) || '.'} into dist/esm and dist/cjs\n`);
  }
}
