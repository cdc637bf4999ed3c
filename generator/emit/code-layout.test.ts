// code-layout.ts against prettier itself: each case is printed in prettier's layout and compared with what
// prettier.format makes of the same code written on one line, so every layout rule the printer copies (property
// layouts, call arguments, arrays, members, binaries, conditionals, signatures, imports) is checked where it
// decides something: short and long keys, values that fit and values that do not.
import { formatOne } from '../format.js';
import { array, call, codeText, member, name, object, prop, str, type Code } from './code.js';
import { blockDoc, classPropertyDoc, classStatement, expressionStatement, importStatement, moduleText, returnBlock, signatureDoc, type LaidParameter } from './code-layout.js';
import { generic, keyword, nodeText, reference, union, type TypeNode } from './type-expr.js';

const long = (n: number) => 'x'.repeat(n);

/** `export function f(params): returnType { return expression; }`, laid out and as prettier formats it. */
async function both(expression: Code, params: LaidParameter[] = [], returnType: TypeNode = generic('APIPromise', [keyword('void')])) {
  const laid = moduleText('', [{ doc: ['export function f', signatureDoc(params, returnType), ' ', returnBlock(expression)], declaration: true, endsWithBrace: true }]);
  const text = `export function f(${params.map((p) => `${p.name}${p.optional ? '?' : ''}: ${nodeText(p.type)}`).join(', ')}): ${nodeText(returnType)} { return ${codeText(expression)}; }\n`;
  return { laid, prettier: await formatOne('f.ts', text) };
}

const request = (...props: ReturnType<typeof prop>[]) => call('client.request', [object(props), name('options')], [reference('Model')]);

const CASES: [string, Code][] = [
  ['a short spec on one line', request(prop('method', str('GET')), prop('path', str('/models')))],
  ['a spec that breaks, strings after long keys', request(prop('method', str('POST')), prop('path', str(`/${long(40)}`)), prop('contentType', str(`application/${long(90)}`)))],
  ['a long string after a short key stays on its line', request(prop('path', str(`/${long(120)}`)))],
  ['a long member after a long key breaks after the colon', request(prop('headers', object([prop(`x-${long(60)}`, { kind: 'optional-member', object: 'params', key: `x-${long(60)}` })])))],
  ['a tagged template never breaks after its key', request(prop('path', { kind: 'template', text: `encodePath\`/${long(110)}/\${id}\`` }))],
  ['booleans and numbers after long keys', request(prop('retry', object([prop('connectionErrors', name('false')), prop('maxRetries', name('3')), prop('statusCodes', array([name('429'), name('500'), name('502'), name('503'), name('504')]))])), prop('x', str(long(60))))],
  ['a long list of numbers fills its lines', request(prop('statusCodes', array(Array.from({ length: 40 }, (_, i) => name(String(400 + i))))))],
  ['arrays of several multi-item arrays always break', request(prop('security', array([array([str('a'), str('b')]), array([str('c'), str('d')])])))],
  ['one alternative stays inline', request(prop('security', array([array([str('ApiKeyAuth')])])))],
  ['a conditional stream', request(prop('body', name('body')), prop('stream', { kind: 'conditional', test: { kind: 'binary', left: { kind: 'optional-member', object: 'body', key: 'stream' }, operator: '===', right: name('true') }, consequent: object([prop('format', name('sseFormat')), prop('terminator', str('[DONE]'))]), alternate: name('undefined') }))],
  ['a long conditional stream', request(prop('body', name('body')), prop('stream', { kind: 'conditional', test: { kind: 'binary', left: { kind: 'optional-member', object: 'body', key: 'stream' }, operator: '===', right: str(long(30)) }, consequent: object([prop('format', name('sseFormat')), prop('terminator', str(long(60)))]), alternate: name('undefined') }))],
  ['a logical body', request(prop('body', { kind: 'binary', left: name('body'), operator: '&&', right: call('encodeParts', [name('body'), object([prop('file', str('application/octet-stream'))]), str('multipart/mixed')]) }))],
  ['a short call after a long key', request(prop('idempotency', call('idempotencyHeader', [str('Idempotency-Key')])), prop('x', str(long(70))))],
  ['a long call after a long key', request(prop('idempotency', call('idempotencyHeader', [str(long(40))])), prop('x', str(long(70))))],
  ['a call of an object after a key (a retry policy), fitting and breaking', request(prop('retry', call('retryPolicy', [object([prop('enabled', name('false'))])])), prop('x', str(long(50))))],
  ['a call of a long object after a long key', request(prop('retryPolicyOfTheOperation', call('retryPolicy', [object([prop('statusCodes', array([name('429'), name('503')])), prop('backoff', object([prop('initialMs', name('500')), prop('maxMs', name(long(40)))])), prop('maxRetries', name('3'))])])))],
  ['typed events after a key: a call of a name, of an array', request(prop('stream', object([prop('format', name('sseFormat')), prop('events', call('typedEvents', [name('true')]))])), prop('x', str(long(30))))],
  ['typed events of many names', request(prop('stream', object([prop('format', name('sseFormat')), prop('events', call('typedEvents', [array(Array.from({ length: 8 }, (_, i) => str(`event${long(8)}${i}`)))]))])))],
  ['a spread', request(prop('query', object([prop('api-version', str('2024-01-01')), { spread: name('params') }])), prop('x', str(long(70))))],
  ['quoted keys', request(prop('query', object([prop('a-b', { kind: 'optional-member', object: 'params', key: 'a-b' }), prop('c', name('d'))])))],
  ['a page request with type arguments that break', call('requestPage', [name('client'), object([prop('method', str('GET'))]), name('CursorPage'), object([prop('items', array([str('data')]))]), name('options')], [reference(`Item${long(40)}`), reference(`Body${long(40)}`)])],
  ['empty objects and arrays', request(prop('query', object([])), prop('security', array([])))],
];

test.each(CASES)('%s', async (_name, expression) => {
  const { laid, prettier } = await both(expression);
  expect(laid).toBe(prettier);
});

test('signatures: parameters that fit, that break, long unions, generic return types that break', async () => {
  const body = union([reference(`Create${long(30)}Request`), reference('Blob')]);
  const cases: [LaidParameter[], TypeNode][] = [
    [[{ name: 'client', optional: false, type: reference('ClientCore') }, { name: 'options', optional: true, type: reference('RequestOptions') }], generic('APIPromise', [reference('Model')])],
    [[{ name: 'client', optional: false, type: reference('ClientCore') }, { name: 'body', optional: false, type: body }, { name: 'options', optional: true, type: reference('RequestOptions') }], generic('APIPromise', [union([generic('Stream', [reference(`Event${long(30)}`)]), reference(`Response${long(40)}`)])])],
    [[{ name: 'kind', optional: false, type: union(Array.from({ length: 12 }, (_, i) => ({ kind: 'literal', text: JSON.stringify(`kind-${i}`) }) as TypeNode)) }], generic('PagePromise', [reference(`Item${long(50)}`), reference(`Page${long(50)}`)])],
    [[{ name: 'client', optional: false, type: reference('ClientCore') }], generic('APIPromise', [union([reference('Model'), keyword('null')])])],
  ];
  for (const [params, returnType] of cases) {
    const { laid, prettier } = await both(name('x'), params, returnType);
    expect(laid).toBe(prettier);
  }
});

test('imports: one name never breaks, several break when they do not fit', async () => {
  for (const namedImports of [['a', 'type B'], Array.from({ length: 30 }, (_, i) => `Name${i}`), [`VeryLong${long(120)}`]]) {
    const s = { kind: 'import-declaration' as const, moduleSpecifier: './x.js', namedImports, isTypeOnly: namedImports.length > 2 };
    const laid = moduleText('', [importStatement(s)]);
    expect(laid).toBe(await formatOne('f.ts', `import ${s.isTypeOnly ? 'type ' : ''}{ ${namedImports.join(', ')} } from "./x.js";\n`));
  }
});

test('classes: properties with and without values, a constructor, methods with one parameter, last arguments hugged', async () => {
  const event = reference(`WebhookEvent${long(20)}`);
  const webhooks = { kind: 'new' as const, callee: 'Webhooks', typeArgs: [event], args: [name('webhookDefaults'), object([prop('secret', member(name('options'), 'webhookSecret'))])] };
  const laid = moduleText('', [
    classStatement([], 'export class Api extends ClientCore', [
      { doc: classPropertyDoc([], 'chat', reference('ChatResource'), { kind: 'new', callee: 'ChatResource', typeArgs: [], args: [name('this')] }), blank: false },
      { doc: classPropertyDoc([], 'webhooks', generic('Webhooks', [event])), blank: false },
      {
        doc: ['constructor', signatureDoc([{ name: 'options', optional: false, type: reference('ClientOptions'), initializer: object([]) }], undefined), ' ', blockDoc([expressionStatement(call('super', [name('options'), name('clientDefaults')])), expressionStatement({ kind: 'assign', left: member(name('this'), 'webhooks'), right: webhooks })])],
        blank: true,
      },
      { doc: ['list', signatureDoc([{ name: 'options', optional: true, type: reference('RequestOptions') }], generic('APIPromise', [{ kind: 'object', broken: true, members: [{ kind: 'property', name: 'devices', optional: false, type: reference('Device'), doc: '' }] }])), ' ', returnBlock(call('ops.list', [member(name('this'), 'client'), name('options')]))], blank: true },
      { doc: ['get', signatureDoc([{ name: `id${long(60)}`, optional: false, type: keyword('string') }, { name: 'options', optional: true, type: reference('RequestOptions') }], generic('APIPromise', [reference('Model')])), ';'], blank: true },
    ]),
    classStatement([], 'export class Empty', []),
    classStatement([], 'export class Child', [{ doc: ['constructor', signatureDoc([{ name: 'client', optional: false, type: reference('ClientCore'), modifiers: 'protected readonly ' }], undefined), ' ', blockDoc([])], blank: false }]),
  ]);
  const text = [
    `export class Api extends ClientCore { readonly chat: ChatResource = new ChatResource(this); readonly webhooks: Webhooks<${nodeText(event)}>;`,
    '',
    `constructor(options: ClientOptions = {}) { super(options, clientDefaults); this.webhooks = ${codeText(webhooks)}; }`,
    '',
    'list(options?: RequestOptions): APIPromise<{\n devices: Device }> { return ops.list(this.client, options); }',
    '',
    `get(id${long(60)}: string, options?: RequestOptions): APIPromise<Model>;`,
    '}',
    '',
    'export class Empty {}',
    '',
    'export class Child { constructor(protected readonly client: ClientCore) {} }',
  ].join('\n');
  expect(laid).toBe(await formatOne('f.ts', text));
});
