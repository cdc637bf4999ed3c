/** A spec diff as a markdown changelog entry: breaking changes first, each with its rule and JSON pointer. */
import type { SpecChange, SpecDiff } from './types.js';

/** `OpenAI API 2.3.0 → 2.4.0`, or both inputs by name when their `info.version`s are equal. */
export function diffHeading(diff: SpecDiff): string {
  const { from, to } = diff;
  if (from.version !== to.version) return `${to.title} ${from.version} → ${to.version}`;
  const names = from.source && to.source && from.source !== to.source ? `${from.source} → ${to.source}` : 'old → new';
  return `${to.title}: ${names} (both version ${to.version})`;
}

export function renderMarkdown(diff: SpecDiff): string {
  const section = (title: string, items: SpecChange[]) =>
    items.length ? [`### ${title}`, '', ...items.map((c) => `- ${c.message} (\`${c.rule}\` at \`${c.pointer}\`)`), ''] : [];
  const breaking = diff.changes.filter((c) => c.breaking);
  const added = diff.changes.filter((c) => !c.breaking && c.kind === 'added');
  const changed = diff.changes.filter((c) => !c.breaking && c.kind !== 'added');
  const next = diff.nextVersion ? ` Next version: **${diff.nextVersion}** (from ${diff.currentVersion}).` : '';
  const lines = [
    `## ${diffHeading(diff)}`,
    '',
    `Suggested version bump for the generated package: **${diff.bump}** (${breaking.length} breaking, ${added.length} added, ${changed.length} other changes).${next}`,
    '',
    ...section('Breaking changes', breaking),
    ...section('Added', added),
    ...section('Changed', changed),
  ];
  if (diff.changes.length === 0) lines.push('No changes for client users.', '');
  return lines.join('\n');
}
