import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// docs/errors.md must list every error code the code can raise, and nothing else.

const srcDir = fileURLToPath(new URL('..', import.meta.url));
const docPath = fileURLToPath(new URL('../../docs/errors.md', import.meta.url));

/**
 * Where codes are born: DomainError shorthands and constructor, HTTP-layer envelopes and `simple()`.
 * Every pattern allows line breaks after "(", because the formatter wraps long calls.
 */
const CODE_PATTERNS = [
  /(?:invalid|notFound|conflict)\(\s*'([A-Z_]+)'/g,
  /new DomainError\(\s*'[a-z_]+',\s*'([A-Z_]+)'/g,
  /code:\s*'([A-Z][A-Z_]+)'/g,
  /simple\(\s*\d+,\s*'([A-Z_]+)'/g,
];

/** Every non-test `.ts` file under `dir`, recursively. */
function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(path);
  }
  return files;
}

const sources = sourceFiles(srcDir).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const doc = readFileSync(docPath, 'utf8');

/** Each code the source can raise, with the files that raise it. */
function codesInSource(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const { path, text } of sources) {
    for (const pattern of CODE_PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        const code = match[1]!;
        found.set(code, [...new Set([...(found.get(code) ?? []), path])]);
      }
    }
  }
  return found;
}

/** Codes that open a row of a table in docs/errors.md, e.g. "| `FORBIDDEN` | 403 | …". */
function codesInDocTables(): string[] {
  return [...doc.matchAll(/^\|\s*`([A-Z][A-Z_]+)`\s*\|/gm)].map((m) => m[1]!);
}

test('the source raises error codes (the patterns still match how errors are written)', () => {
  const codes = codesInSource();
  for (const expected of ['FORBIDDEN', 'VALIDATION_FAILED', 'INTERNAL', 'ROUTE_NOT_FOUND', 'PAYLOAD_TOO_LARGE']) {
    assert.ok(codes.has(expected), `${expected} not found in src/; have the error patterns changed?`);
  }
});

test('every error code in src/ is listed in docs/errors.md as `CODE`', () => {
  const documented = new Set(codesInDocTables());
  const missing = [...codesInSource()]
    .filter(([code]) => !documented.has(code))
    .map(([code, files]) => `${code} (${files.map((f) => f.slice(srcDir.length)).join(', ')})`);
  assert.deepEqual(missing, [], 'add a row "| `CODE` | HTTP status | meaning and how to fix |" to docs/errors.md');
});

test('every code in the tables of docs/errors.md still appears in src/', () => {
  const stale = codesInDocTables().filter((code) => !sources.some(({ text }) => text.includes(`'${code}'`)));
  assert.deepEqual(stale, [], 'remove these rows from docs/errors.md, or restore the code that raises them');
});
