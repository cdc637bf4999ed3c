// The runtime's names, as the emitter relies on them: every registered stream format and pagination scheme has
// its runtime module, exporting the value emitted code imports by the convention of `streamFormatImport` and
// `pageClassImport`; the operation names taken include every runtime value operations.ts may import.
import { PAGINATION_KINDS } from '../ir/pagination.js';
import { FORMATS } from '../ir/streaming.js';
import type { StreamFormat } from '../ir/types.js';
import { OPERATION_NAMES_TAKEN, pageClassImport, REQUEST_PAGE, reservedTypeNames, runtimeSources, streamFormatImport, type RuntimeImport } from './runtime-files.js';

async function exported({ file, name }: RuntimeImport): Promise<unknown> {
  const module = (await import(`../runtime/${file.replace(/\.ts$/, '.js')}`)) as Record<string, unknown>;
  return module[name];
}

test('each stream format has its module, exporting a StreamFormat whose media-type rule is the one the IR registers', async () => {
  for (const format of Object.keys(FORMATS) as StreamFormat[]) {
    const descriptor = (await exported(streamFormatImport(format))) as { mediaType: string; accepts(t: string): boolean; open: unknown };
    expect([format, typeof descriptor?.open]).toEqual([format, 'function']);
    expect(descriptor.accepts(descriptor.mediaType)).toBe(true);
    expect(FORMATS[format].accepts(descriptor.mediaType)).toBe(true);
    // the IR's default media type is the runtime's: emitted code names another only when the spec does
    expect([format, descriptor.mediaType]).toEqual([format, FORMATS[format].mediaType]);
  }
});

test('each pagination scheme has its module, exporting a subclass of Page', async () => {
  const { Page } = await import('../runtime/pagination.js');
  for (const kind of PAGINATION_KINDS) {
    const Class = (await exported(pageClassImport(kind))) as { prototype: unknown };
    expect([kind, Class?.prototype instanceof Page]).toEqual([kind, true]);
  }
  expect(typeof (await exported(REQUEST_PAGE))).toBe('function');
});

test('no operation may take the name of a runtime value operations.ts imports; no schema that of a runtime export', () => {
  for (const name of ['encodePath', 'requestPage', 'CursorPage', 'SinglePage', 'sseFormat']) expect(OPERATION_NAMES_TAKEN).toContain(name);
  for (const name of ['ClientCore', 'Page', 'Stream', 'StreamFormat', 'CursorPage', 'APIError']) expect(reservedTypeNames()).toContain(name);
  expect(runtimeSources().every(([file]) => !file.endsWith('.test.ts'))).toBe(true);
});
