/**
 * The document's tag objects (`tags`), with 3.2's `summary`, `parent` and `kind`. A `parent` must name a declared
 * tag, and parents must not form a cycle: either is a `tag-parent` warning, and that `parent` is left out (the tag
 * is then a top-level one), so the IR's tags always form a forest.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { IRTag } from './types.js';

type Raw = Record<string, unknown>;

export function buildTags(raw: unknown, warn: (d: Diagnostic) => void): IRTag[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const tags: IRTag[] = [];
  const at = new Map<IRTag, number>();
  raw.forEach((entry: unknown, i) => {
    if (!entry || typeof entry !== 'object') return;
    const t = entry as Raw;
    if (typeof t.name !== 'string') return;
    const tag: IRTag = {
      name: t.name,
      ...text('summary', t.summary),
      ...text('description', t.description),
      ...(typeof t.parent === 'string' ? { parent: t.parent } : {}),
      ...(typeof t.kind === 'string' ? { kind: t.kind } : {}),
    };
    tags.push(tag);
    at.set(tag, i);
  });
  const byName = new Map<string, IRTag>();
  for (const tag of tags) if (!byName.has(tag.name)) byName.set(tag.name, tag);
  const problem = (tag: IRTag, message: string) => {
    warn({
      severity: 'warning',
      code: 'tag-parent',
      message,
      hint: 'Make `parent` the name of another tag in `tags`, with no tag its own ancestor.',
      pointer: `#/tags/${at.get(tag)}/parent`,
    });
    delete tag.parent;
  };
  for (const tag of tags) {
    if (tag.parent !== undefined && !byName.has(tag.parent)) problem(tag, `Tag "${tag.name}" has parent "${tag.parent}", which names no tag: it is taken as a top-level tag.`);
  }
  // a cycle: follow parents from each tag; one that comes back to a tag on its own path breaks there
  for (const tag of tags) {
    const path: IRTag[] = [];
    let current: IRTag | undefined = tag;
    while (current?.parent !== undefined) {
      path.push(current);
      const next: IRTag = byName.get(current.parent)!;
      const loop = path.indexOf(next);
      if (loop >= 0) {
        const names = [...path.slice(loop), next].map((t) => t.name).join(' → ');
        problem(current, `Tag parents form a cycle (${names}): the parent of "${current.name}" is left out.`);
        break;
      }
      current = next;
    }
  }
  return tags.length ? tags : undefined;
}

function text<K extends string>(key: K, value: unknown): { [P in K]?: string } {
  return (typeof value === 'string' && value.trim() ? { [key]: value.trim() } : {}) as { [P in K]?: string };
}
