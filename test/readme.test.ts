// The generated README is emitted in prettier's form (generation does not format it): spec text that markdown
// would reinterpret (emphasis, links, headings, fences, backticks) lands in code spans or code comments.
import { generate } from '../generator/index.js';
import { prettierDrift } from './helpers/prettier-stable.js';

const nasty = ['Swagger Petstore - OpenAPI 3.0 (v1.2).', '1. Not a list - really', '*emph* _under_ [link](http://x) <b>html</b> www.example.com', '# heading\n- list\n1. item', '```js\nfence``` `tick` ~~s~~ | a | b |', ' padded ', '_', '---'];

function document(i: number): object {
  const text = nasty[i % nasty.length]!;
  return {
    openapi: '3.1.0',
    info: { title: text, version: nasty[(i + 1) % nasty.length] },
    servers: [{ url: `https://api.example.com/\`\`\`${i}` }],
    paths: {
      [`/things/{id}/\`x\`${i}`]: {
        get: {
          operationId: 'getThing',
          summary: nasty[(i + 2) % nasty.length],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', enum: ['a```b'] } }],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'string' } } } } },
        },
        post: {
          operationId: 'makeThing',
          summary: nasty[(i + 3) % nasty.length],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['note'], properties: { note: { type: 'string', example: '```\n`x`' } } } } } },
          responses: { '204': { description: 'none' } },
        },
      },
    },
  };
}

test('spec text that markdown would reinterpret leaves the README exactly as prettier formats it', async () => {
  for (let i = 0; i < nasty.length; i++) {
    const result = await generate({ document: document(i), spec: `nasty-${i}.yaml`, write: false, format: false, packageName: `@scope/pkg_${i}` });
    const readme = result.files.get('README.md')!;
    expect(await prettierDrift('README.md', readme)).toBeUndefined();
    expect(readme).toContain('client.getThing(');
    for (const name of ['package.json', 'tsconfig.json']) expect(await prettierDrift(name, result.files.get(name)!)).toBeUndefined();
  }
});

test('seeded random spec text in every README position stays exactly as prettier formats it', async () => {
  const { codeLine, inlineCode, markdownStrong, markdownText } = await import('../generator/emit/markdown.js');
  const { mulberry32 } = await import('./helpers/random.js');
  const rnd = mulberry32(Number(process.env.SEED ?? 7)); // SEED=n tries other strings
  const alphabet = ['a', 'Z', '0', '9', ' ', ' ', '.', ',', '-', '_', '*', '`', '~', '#', '>', '<', '[', ']', '(', ')', '!', '|', '\\', '/', ':', '@', '&', ';', "'", '"', '\n', '\t', 'é', '日', 'www.', 'http://', '1.', '+', '='];
  const random = () => Array.from({ length: 1 + Math.floor(rnd() * 30) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
  const sections: string[] = [];
  for (let i = 0; i < 300; i++) {
    const [a, b, c, d] = [random(), random(), random(), random()];
    sections.push(
      `# ${markdownText(a)}\n\nA client for ${markdownStrong(b)} (version ${markdownText(c)}), generated.\n\n### \`op${i}\` — ${inlineCode(`GET /x/${d}`)}\n\n\`\`\`ts\n// ${codeLine(a + b)}\nconst x = '${codeLine(c)}';\n\`\`\`\n`,
    );
  }
  const { prettierDrift } = await import('./helpers/prettier-stable.js');
  expect(await prettierDrift('README.md', sections.join('\n'))).toBeUndefined();
});
