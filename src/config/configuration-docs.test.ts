import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CONFIG_VARIABLES } from './load-config.js';

// docs/configuration.md must describe every variable Pharos reads, each in a table row of its own.

const docPath = fileURLToPath(new URL('../../docs/configuration.md', import.meta.url));
const doc = readFileSync(docPath, 'utf8');

/** Variable names that open a table row, e.g. "| `PORT` | 3000 | …". */
function documentedVariables(markdown: string): string[] {
  return [...markdown.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/gm)].map((m) => m[1]!);
}

test('every configuration variable appears in docs/configuration.md as `NAME`', () => {
  const missing = CONFIG_VARIABLES.filter((name) => !doc.includes(`\`${name}\``));
  assert.deepEqual(missing, [], `add a table row for ${missing.join(', ')} to docs/configuration.md`);
});

test('every configuration variable has its own table row', () => {
  const rows = new Set(documentedVariables(doc));
  const withoutRow = CONFIG_VARIABLES.filter((name) => !rows.has(name));
  assert.deepEqual(
    withoutRow,
    [],
    `give ${withoutRow.join(', ')} a row like "| \`NAME\` | default | meaning | example |"`,
  );
});

test('docs/configuration.md documents no variable that Pharos does not read', () => {
  const known = new Set<string>(CONFIG_VARIABLES);
  // PHAROS_TEST_* belongs to the test harness, which docs/configuration.md documents separately.
  const stale = documentedVariables(doc).filter((name) => !known.has(name) && !name.startsWith('PHAROS_TEST_'));
  assert.deepEqual(stale, [], `remove ${stale.join(', ')} from docs/configuration.md or add it to CONFIG_VARIABLES`);
});
