// Files the generator prints in prettier's layout itself (src/types.ts, the runtime) must be exactly what
// prettier gives for them: generation does not run prettier over them.
import { formatOne } from '../../generator/format.js';

/** undefined when prettier leaves `text` as it is; otherwise the first differing line, both ways. */
export async function prettierDrift(name: string, text: string): Promise<string | undefined> {
  const formatted = await formatOne(name, text);
  if (formatted === text) return undefined;
  const a = text.split('\n');
  const b = formatted.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `${name}:${i + 1}: generated ${JSON.stringify(a.slice(i, i + 3).join('\n'))}, prettier ${JSON.stringify(b.slice(i, i + 3).join('\n'))}`;
}
