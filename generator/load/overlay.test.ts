// Overlays: the Overlay Specification's compliant sets give their output.yaml, its schema test documents pass or
// fail as labelled, the 1.1 copy examples of its text, the array and primitive rules of each version, and the
// error cases (invalid JSONPath, zero matches, incompatible merges, a broken result), each located in the overlay.
// The shared materials are read from ../shared (SDKFORGE_SHARED); skipped when absent, except under CI=true.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GenerationError, type Diagnostic } from '../diagnostics.js';
import { SHARED } from '../../test/helpers/paths.js';
import { loadDocument, loadSpec } from './load-spec.js';
import { applyOverlays, checkOverlayDocument, OverlayOrigins, parseOverlay } from './overlay.js';
import { overlayValidator, type OverlayVersion } from './overlay-validators.js';
import { parseText } from './parse-text.js';

const OVERLAY = path.join(SHARED, 'specs/overlay');
const HAVE = existsSync(path.join(OVERLAY, 'compliant-sets'));
const run = HAVE || process.env.CI === 'true' ? describe : describe.skip;
const read = (...parts: string[]) => readFileSync(path.join(OVERLAY, ...parts), 'utf8');

/** Applies the overlay texts in order to the spec text; the result, or the GenerationError's diagnostics. */
function apply(spec: string, ...overlays: string[]): { doc: any; warnings: Diagnostic[] } {
  const doc = parseText(spec, 'openapi.yaml');
  const { warnings } = applyOverlays(doc, overlays.map((text, i) => parseOverlay(text, `overlay-${i}.yaml`)));
  return { doc, warnings };
}
function failure(spec: string, overlay: string): Diagnostic {
  try {
    apply(spec, overlay);
  } catch (err) {
    if (err instanceof GenerationError) return err.diagnostics[0]!;
    throw err;
  }
  throw new Error('the overlay applied without an error');
}

run('the compliant sets', () => {
  const sets = HAVE ? readdirSync(path.join(OVERLAY, 'compliant-sets'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
  test('there are sets to check', () => expect(sets.length).toBeGreaterThanOrEqual(8));
  test.each(sets)('%s gives its output.yaml', (set) => {
    const { doc, warnings } = apply(read('compliant-sets', set, 'openapi.yaml'), read('compliant-sets', set, 'overlay.yaml'));
    expect(doc).toEqual(parseText(read('compliant-sets', set, 'output.yaml'), 'output.yaml'));
    expect(warnings).toEqual([]);
  });
});

run('the schema test documents', () => {
  const cases = (['1.0', '1.1'] as OverlayVersion[]).flatMap((version) =>
    (['pass', 'fail'] as const).flatMap((label) =>
      HAVE ? readdirSync(path.join(OVERLAY, 'tests', `v${version}`, label)).filter((f) => f.endsWith('.yaml')).sort().map((file) => ({ version, label, file })) : [],
    ),
  );
  test('there are documents of each version and label', () => {
    for (const v of ['1.0', '1.1']) for (const l of ['pass', 'fail']) expect(cases.filter((c) => c.version === v && c.label === l).length).toBeGreaterThan(5);
  });
  test.each(cases)('v$version/$label/$file: the compiled $version schema and the overlay check agree with the label', ({ version, label, file }) => {
    const text = read('tests', `v${version}`, label, file);
    const raw = parseText(text, file);
    expect(overlayValidator(version)!(raw).length === 0).toBe(label === 'pass');
    const errors = checkOverlayDocument(raw);
    expect(errors.length === 0).toBe(label === 'pass');
    if (label === 'pass') expect(() => parseOverlay(text, file)).not.toThrow();
    for (const e of errors) expect(e).toMatchObject({ severity: 'error', code: 'overlay-invalid' });
  });
  test('an invalid overlay is located at the offending member', () => {
    const err = (() => {
      try {
        parseOverlay('overlay: 1.1.0\ninfo:\n  title: t\n  version: 1\nactions:\n  - target: $.info\n    updat: {}\n', 'bad.yaml');
      } catch (e) {
        return (e as GenerationError).diagnostics;
      }
    })();
    expect(err).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'overlay-invalid', file: 'bad.yaml', line: 4, pointer: '#/info/version' })]),
    );
    expect(err).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'bad.yaml', line: 7, pointer: '#/actions/0/updat' })]));
  });
  test('a document that is no Overlay 1.0 or 1.1 says so', () => {
    expect(checkOverlayDocument({ overlay: '2.0.0', info: { title: 't', version: '1' }, actions: [{ target: '$' }] })[0]!.message).toContain('declares overlay: "2.0.0"');
    expect(checkOverlayDocument([])[0]!.message).toContain('not a mapping');
  });
});

const SOURCE = `openapi: 3.1.0
info:
  title: Example API
  version: 1.0.0
paths:
  /items:
    get:
      responses:
        200:
          description: OK
  /some-items:
    delete:
      responses:
        200:
          description: OK
`;
const ok = { responses: { 200: { description: 'OK' } } };
const head = (version: string) => `overlay: ${version}\ninfo:\n  title: t\n  version: 1.0.0\nactions:\n`;

run('1.1 copy, as the specification text shows it', () => {
  test('simple copy: merges the source into the target', () => {
    const { doc } = apply(SOURCE, `${head('1.1.0')}  - target: '$.paths["/some-items"]'\n    copy: '$.paths["/items"]'\n`);
    expect(doc.paths).toEqual({ '/items': { get: ok }, '/some-items': { get: ok, delete: ok } });
  });
  test('ensure the target exists, then copy', () => {
    const { doc } = apply(SOURCE, `${head('1.1.0')}  - target: '$.paths'\n    update: { "/other-items": {} }\n  - target: '$.paths["/other-items"]'\n    copy: '$.paths["/items"]'\n`);
    expect(doc.paths['/other-items']).toEqual({ get: ok });
  });
  test('move: update, copy, remove', () => {
    const { doc } = apply(
      SOURCE,
      `${head('1.1.0')}  - target: '$.paths'\n    update: { "/new-items": {} }\n  - target: '$.paths["/new-items"]'\n    copy: '$.paths["/items"]'\n  - target: '$.paths["/items"]'\n    remove: true\n`,
    );
    expect(doc.paths).toEqual({ '/new-items': { get: ok }, '/some-items': { delete: ok } });
    // the copy is a copy: changing it leaves nothing shared
    doc.paths['/new-items'].get.responses[200].description = 'changed';
    expect(doc.paths['/some-items'].delete.responses[200].description).toBe('OK');
  });
  test('a copy query must select exactly one node', () => {
    expect(failure(SOURCE, `${head('1.1.0')}  - target: '$.paths["/some-items"]'\n    copy: '$.paths.*'\n`)).toMatchObject({
      code: 'overlay-copy-source',
      line: 7,
      pointer: '#/actions/0/copy',
    });
    expect(failure(SOURCE, `${head('1.1.0')}  - target: '$.paths["/some-items"]'\n    copy: '$.nothing'\n`).message).toContain('selects nothing');
  });
  test('remove wins over update; update and copy together are an error', () => {
    const { doc } = apply(SOURCE, `${head('1.1.0')}  - target: '$.paths["/items"]'\n    update: { x-a: 1 }\n    remove: true\n`);
    expect(Object.keys(doc.paths)).toEqual(['/some-items']);
    expect(failure(SOURCE, `${head('1.1.0')}  - target: '$.paths["/items"]'\n    update: { x-a: 1 }\n    copy: '$.info'\n`)).toMatchObject({ code: 'overlay-action-ambiguous', line: 6 });
  });
});

const LISTS = `openapi: 3.1.0
info:
  title: Lists
  version: 1.0.0
tags: [a, dummy, b]
paths:
  /x:
    get:
      tags: [a, dummy]
      responses: {}
`;

run('arrays and primitives, per version', () => {
  test('1.1: an array is concatenated, anything else appended; primitives are replaced and removed', () => {
    const { doc } = apply(
      LISTS,
      `${head('1.1.0')}  - target: $.tags\n    update: [c, d]\n  - target: $.tags\n    update: e\n  - target: $.info.title\n    update: Renamed\n  - target: $.paths.*.get.tags[?@ == 'dummy']\n    remove: true\n  - target: $.tags[?@ == 'dummy']\n    remove: true\n`,
    );
    expect(doc.tags).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(doc.info.title).toBe('Renamed');
    expect(doc.paths['/x'].get.tags).toEqual(['a']);
  });
  test('1.0: the value is appended as one entry; a primitive target is an error', () => {
    const { doc } = apply(LISTS, `${head('1.0.0')}  - target: $.tags\n    update: [c, d]\n`);
    expect(doc.tags).toEqual(['a', 'dummy', 'b', ['c', 'd']]);
    expect(failure(LISTS, `${head('1.0.0')}  - target: $.info.title\n    update: Renamed\n`)).toMatchObject({ code: 'overlay-target-primitive', line: 6, pointer: '#/actions/0/target' });
  });
  test('merging: nested arrays concatenate, objects merge, other pairs are an error at the update member', () => {
    const { doc } = apply(LISTS, `${head('1.0.0')}  - target: $.paths['/x'].get\n    update:\n      tags: [c]\n      responses: { '200': { description: OK } }\n`);
    expect(doc.paths['/x'].get).toEqual({ tags: ['a', 'dummy', 'c'], responses: { 200: { description: 'OK' } } });
    expect(failure(LISTS, `${head('1.1.0')}  - target: $.paths['/x'].get\n    update:\n      tags: none\n`)).toMatchObject({
      code: 'overlay-merge-incompatible',
      file: 'overlay-0.yaml',
      line: 8,
      pointer: '#/actions/0/update/tags',
    });
  });
  test('targets of mixed kinds are an error; so is an object target with a primitive update', () => {
    expect(failure(LISTS, `${head('1.1.0')}  - target: $.paths['/x'].get.*\n    update: 1\n`).code).toBe('overlay-mixed-targets');
    expect(failure(LISTS, `${head('1.1.0')}  - target: $.info\n    update: 1\n`)).toMatchObject({ code: 'overlay-update-type', pointer: '#/actions/0/update' });
  });
  test('removing the root is an error', () => {
    expect(failure(LISTS, `${head('1.1.0')}  - target: $\n    remove: true\n`).code).toBe('overlay-breaks-document');
  });
});

run('queries', () => {
  test('an invalid JSONPath is an error at the target, naming the character', () => {
    const d = failure(LISTS, `${head('1.1.0')}  - target: $.info\n    update: {}\n  - target: $.paths.*.get[?@.x-oai-traits.paged]\n    update: {}\n`);
    expect(d).toMatchObject({ severity: 'error', code: 'overlay-jsonpath', file: 'overlay-0.yaml', line: 8, pointer: '#/actions/1/target' });
    expect(d.message).toMatch(/^Invalid JSONPath "\$\.paths\.\*\.get\[\?@\.x-oai-traits\.paged\]" at character 19: /);
  });
  test('a target selecting nothing is a warning at the action, and the rest still applies', () => {
    const { doc, warnings } = apply(LISTS, `${head('1.1.0')}  - target: $.paths['/nope']\n    remove: true\n  - target: $.info\n    update: { x-ok: true }\n`);
    expect(warnings).toEqual([expect.objectContaining({ severity: 'warning', code: 'overlay-no-match', file: 'overlay-0.yaml', line: 6, pointer: '#/actions/0/target' })]);
    expect(doc.info['x-ok']).toBe(true);
  });
  test('a later action reaches into what an earlier one inserted or copied', () => {
    const { doc, warnings } = apply(
      SOURCE,
      `${head('1.1.0')}  - target: $.paths\n    update: { /n: { get: { x-a: 1 } } }\n  - target: $.paths['/n'].get\n    update: { x-b: 2 }\n  - target: $.paths['/some-items']\n    copy: $.paths['/items']\n  - target: $.paths['/some-items'].get.responses['200']\n    update: { description: Copied }\n`,
    );
    expect(warnings).toEqual([]);
    expect(doc.paths['/n'].get).toEqual({ 'x-a': 1, 'x-b': 2 });
    expect(doc.paths['/some-items'].get.responses[200].description).toBe('Copied');
    expect(doc.paths['/items'].get.responses[200].description).toBe('OK');
  });
  test("member names with quotes and escapes are the document's own", () => {
    const { doc } = apply(`openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  "/it's\\\\here":\n    x-a: 1\n`, `${head('1.1.0')}  - target: $.paths.*['x-a']\n    remove: true\n`);
    expect(doc.paths["/it's\\here"]).toEqual({});
  });
});

run('YAML aliases', () => {
  test('an action on an aliased node changes only the place it targets', () => {
    const { doc } = apply(`openapi: 3.1.0\ninfo: {title: t, version: '1'}\nx-a: &shared { k: 1 }\nx-b: *shared\n`, `${head('1.1.0')}  - target: $['x-b']\n    update: { k: 2 }\n`);
    expect(doc['x-a']).toEqual({ k: 1 });
    expect(doc['x-b']).toEqual({ k: 2 });
  });
});

run('where the nodes of the result come from', () => {
  test('untouched nodes keep their pointer in the spec, also after removals shift an array; written ones name the action', () => {
    const doc = parseText(LISTS, 'openapi.yaml') as any;
    const overlay = parseOverlay(`${head('1.1.0')}  - target: $.tags[0]\n    remove: true\n  - target: $.info\n    update:\n      x-new: { a: 1 }\n      title: New\n`, 'o.yaml');
    const { origins } = applyOverlays(doc, [overlay]);
    expect(origins).toBeInstanceOf(OverlayOrigins);
    expect(origins.originOf('#/tags/1')).toEqual({ spec: '#/tags/2' });
    expect(origins.originOf('#/paths/~1x/get/tags/1')).toEqual({ spec: '#/paths/~1x/get/tags/1' });
    expect(origins.originOf('#/info/version')).toEqual({ spec: '#/info/version' });
    expect(origins.originOf('#/info/title')).toEqual({ overlay: { file: 'o.yaml', line: 8, column: 5, pointer: '#/actions/1' } });
    expect(origins.originOf('#/info/x-new/a')).toEqual({ overlay: expect.objectContaining({ pointer: '#/actions/1' }) });
  });
});

run('loading a spec with overlays', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-overlay-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const SPEC = `openapi: 3.1.0
info:
  title: Pets
  version: 1.0.0
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - name: limit
          in: query
          schema: { type: string }
        - name: bogus
          in: nowhere
      responses:
        '200':
          description: OK
`;

  test('overlays apply in order; the spec violation it did not touch stays a warning at its own line, after an array shift', async () => {
    const spec = write('spec.yaml', SPEC);
    const a = write('a.yaml', `${head('1.1.0')}  - target: $.paths['/pets'].get.parameters[?@.name == 'limit']\n    remove: true\n`);
    const b = write('b.yaml', `${head('1.1.0')}  - target: $.info\n    update: { title: Renamed }\n`);
    const loaded = await loadSpec(spec, { overlays: [a, b] });
    expect((loaded.document as any).info.title).toBe('Renamed');
    expect((loaded.document as any).paths['/pets'].get.parameters.map((p: any) => p.name)).toEqual(['bogus']);
    const invalid = loaded.warnings.find((d) => d.code === 'schema-invalid');
    expect(invalid).toMatchObject({ severity: 'warning', file: spec, line: 13, pointer: expect.stringMatching(/^#\/paths\/~1pets\/get\/parameters\/0/) });
    expect(loaded.where('#/info/title')).toMatchObject({ file: b, line: 6 });
  });

  test('an overlay that makes the document invalid OpenAPI is an error at its action', async () => {
    const spec = write('spec.yaml', SPEC);
    const bad = write('bad.yaml', `${head('1.1.0')}  - target: $.paths['/pets'].get\n    update:\n      responses: { '200': { description: 7 } }\n`);
    const err = await loadSpec(spec, { overlays: [bad] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenerationError);
    const errors = (err as GenerationError).diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ code: 'overlay-breaks-document', file: bad, line: 6 })]);
  });

  test('an overlay that removes `openapi` is an error saying the overlays were applied', async () => {
    const spec = write('spec.yaml', SPEC);
    const bad = write('bad.yaml', `${head('1.0.0')}  - target: $\n    update: {}\n  - target: $.openapi\n    remove: true\n`);
    const err = (await loadSpec(spec, { overlays: [bad] }).catch((e: unknown) => e)) as GenerationError;
    expect(err.diagnostics[0]).toMatchObject({ severity: 'error', code: 'not-openapi' });
    expect(err.diagnostics[0]!.hint).toContain(`with the overlays ${bad} applied`);
  });

  test('a document in memory takes overlays too, and is not changed by them', async () => {
    const document = { openapi: '3.1.0', info: { title: 'Mem', version: '1' }, paths: {} };
    const fix = write('fix.yaml', `${head('1.1.0')}  - target: $.info.title\n    update: Fixed\n`);
    const loaded = await loadDocument(document, 'mem.yaml', { overlays: [fix] });
    expect((loaded.document as any).info.title).toBe('Fixed');
    expect(document.info.title).toBe('Mem');
    expect(loaded.where('#/info/title')).toMatchObject({ file: fix, line: 6 });
  });

  test('a missing overlay file is an error naming it', async () => {
    const spec = write('spec.yaml', SPEC);
    const err = (await loadSpec(spec, { overlays: [path.join(dir, 'nope.yaml')] }).catch((e: unknown) => e)) as GenerationError;
    expect(err.diagnostics[0]).toMatchObject({ code: 'overlay-missing', file: path.join(dir, 'nope.yaml') });
  });
});
