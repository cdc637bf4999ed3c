/**
 * Spec text placed in the generated README, made inert for markdown so the README is already in prettier's form
 * (generation does not run prettier over it; tests check it is byte for byte what prettier gives). Prose takes
 * plain words as they are and anything else as a code span; fenced code takes anything but a run of three
 * backticks (which would make prettier lengthen the fence).
 */

/** Plain words, spaces and unproblematic punctuation: prettier leaves such text as it is. */
const PLAIN = /^@?[\p{L}\p{N}][\p{L}\p{N} .,()'/-]*$/u;

/** Text inside a sentence or heading (never at a line start): as it is when plain, else a code span. */
export function markdownText(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  // (`www.` and `//` could start a GFM autolink)
  if (PLAIN.test(oneLine) && !/www\.|\/\//.test(oneLine)) return oneLine;
  return inlineCode(oneLine);
}

/** Text in bold when plain; a code span stays as it is (remark would read a `**` inside it as the bold's end). */
export function markdownStrong(text: string): string {
  const t = markdownText(text);
  return t.startsWith('`') ? t : `**${t}**`;
}

/** A code span; backticks inside become `'` and the content is trimmed (remark trims a padded span). */
export function inlineCode(text: string): string {
  const content = text.replace(/\s+/g, ' ').replace(/`/g, "'").trim();
  return content ? `\`${content}\`` : "''";
}

/** Text for a line inside a fenced code block: one line, trimmed (prettier trims line ends), no run of three backticks. */
export function codeLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/`{3,}/g, (run) => run.split('').join(' '));
}
