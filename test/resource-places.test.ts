// Where the full official OpenAI spec's operations land in the resource namespaces, against where the official
// `openai` client has them (../shared/reference: 259 places, from openai-node's api.md). Prints the figure and the
// differences by cause; the floors keep the conventions from regressing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathKey } from '../generator/ir/build.js';
import { placePath } from '../generator/ir/resources.js';
import type { IROperation } from '../generator/ir/types.js';
import { loadSpec } from '../generator/load/load-spec.js';
import { packageIR } from '../generator/package-ir.js';
import { HAVE_SHARED, OFFICIAL_SPEC, SHARED } from './helpers/paths.js';

const maybe = HAVE_SHARED ? test : test.skip;

/** The official client's own groupings, which the paths do not carry: the Admin API and the beta endpoints. */
const OFFICIAL_GROUPS = /^(?:admin|beta)\./;

maybe('most operations of the official spec land where the official client has them', async () => {
  const { ir } = packageIR(await loadSpec(OFFICIAL_SPEC));
  const byKey = new Map<string, IROperation>(ir.operations.map((op) => [`${op.method} ${pathKey(op)}`, op]));
  const reference = readFileSync(path.join(SHARED, 'reference/openai-node-resources-7b7d6ca.tsv'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t') as [string, string, string]);
  expect(reference).toHaveLength(259);
  const causes = new Map<string, string[]>();
  let same = 0;
  let sameBelowGroup = 0;
  for (const [method, key, official] of reference) {
    const op = byKey.get(`${method} ${key}`);
    expect(op).toBeDefined();
    const ours = placePath(op!.place);
    if (ours === official) {
      same++;
      continue;
    }
    const below = official.replace(OFFICIAL_GROUPS, '');
    const cause =
      ours === below
        ? `the official client nests it under \`${official.split('.')[0]}.\`, a grouping the path does not carry`
        : op!.fixedQuery
          ? 'a path key with a fixed query (`?beta=true`) beside the same path without it: ours is suffixed'
          : ours.split('.').slice(0, -1).join('.') === below.split('.').slice(0, -1).join('.')
            ? 'the same resource, the official client names the method otherwise (`images.generate`, `runs.cancel`)'
            : 'the official client folds a sub-path into a method name (`jobs.listEvents`) or a resource the path does not show';
    if (ours === below) sameBelowGroup++;
    causes.set(cause, [...(causes.get(cause) ?? []), `${method.toUpperCase()} ${key}: official ${official}, ours ${ours}`]);
  }
  console.log(
    [
      `${same} of ${reference.length} operations land where the official client has them (resource path and method name, from the conventions alone: the official spec carries no naming extensions); ${same + sameBelowGroup} of ${reference.length} counting those the official client only nests under admin. or beta.`,
      ...[...causes].map(([cause, ops]) => `\n${ops.length}: ${cause}\n  ${ops.slice(0, 8).join('\n  ')}${ops.length > 8 ? `\n  … and ${ops.length - 8} more` : ''}`),
    ].join('\n'),
  );
  expect(same).toBeGreaterThanOrEqual(85);
  expect(same + sameBelowGroup).toBeGreaterThanOrEqual(200);
}, 120_000);
