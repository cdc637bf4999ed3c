/**
 * Parses one file's text, YAML (a superset of JSON) or JSON; a syntax error becomes a located diagnostic.
 */
import jsYaml from 'js-yaml';
import { errorDiagnostic, GenerationError } from '../diagnostics.js';
import { yaml } from './yaml.js';

export function parseText(text: string, file: string): unknown {
  if (/^\s*[{[]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // fall through: the YAML parser gives line and column
    }
  }
  try {
    // js-yaml with the YAML 1.2 core schema reads specs like `yaml` does, about five times faster (tested on
    // both official OpenAI specs); `json: true` lets a later duplicate key win instead of failing
    return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: true });
  } catch {
    // fall through: `yaml` is more lenient, and locates what it cannot read
  }
  try {
    return yaml().parse(text, { maxAliasCount: -1, uniqueKeys: false, prettyErrors: false });
  } catch {
    const { LineCounter, parseDocument } = yaml();
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
    const first = doc.errors[0];
    const pos = first ? lineCounter.linePos(first.pos[0]) : undefined;
    throw new GenerationError([
      errorDiagnostic('yaml-syntax', `The file is not valid YAML or JSON: ${first?.message.split('\n')[0] ?? 'unknown syntax error'}.`, {
        file,
        line: pos?.line,
        column: pos?.col,
        hint: 'Fix the syntax at that line (indentation, an unclosed quote or bracket, a tab used for indentation).',
      }),
    ]);
  }
}
