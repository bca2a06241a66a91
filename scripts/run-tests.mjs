#!/usr/bin/env node
// `npm test`: run every *.test.ts under src/ and test/ with node's test runner and tsx.
//
//   npm test                          all tests
//   npm test -- src/core              only tests under src/core
//   npm test -- src/store/migrate.test.ts test/
//   npm test -- --test-name-pattern=concurrent src/store
//
// Arguments starting with "-" are passed to node (before the file list); the others are files or
// directories. Node 20 cannot expand globs for --test nor strip types, so the files are listed here
// and TypeScript is loaded through tsx. Set PHAROS_TEST_DATABASE_URL (postgres://…, a role allowed to
// CREATE DATABASE) to run the storage tests on PostgreSQL instead of SQLite.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const testRoots = ['src', 'test'];
const skippedDirs = new Set(['node_modules', 'dist', '.git']);

/** Every `*.test.ts` under `dir`, recursively. */
function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skippedDirs.has(entry.name)) found.push(...findTests(path));
    } else if (entry.isFile() && entry.name.endsWith('.test.ts')) {
      found.push(path);
    }
  }
  return found;
}

function exists(path) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** A connection URL with its password replaced, safe to print. */
function maskUrl(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable url)';
  }
}

const nodeArgs = [];
const filters = [];
for (const arg of process.argv.slice(2)) (arg.startsWith('-') ? nodeArgs : filters).push(arg);

const files = new Set();
if (filters.length === 0) {
  for (const dir of testRoots) {
    const full = join(root, dir);
    if (exists(full)?.isDirectory()) findTests(full).forEach((f) => files.add(f));
  }
} else {
  for (const filter of filters) {
    const full = resolve(process.cwd(), filter);
    const stat = exists(full);
    if (!stat) {
      console.error(`run-tests: no such file or directory: ${filter}`);
      process.exit(2);
    }
    if (stat.isDirectory()) findTests(full).forEach((f) => files.add(f));
    else files.add(full);
  }
}

const sorted = [...files].map((f) => relative(root, f).split(sep).join('/')).sort();
if (sorted.length === 0) {
  console.error(`run-tests: no *.test.ts files found${filters.length ? ` in ${filters.join(', ')}` : ''}`);
  process.exit(filters.length ? 1 : 0);
}

const databaseUrl = process.env.PHAROS_TEST_DATABASE_URL;
console.log(
  databaseUrl
    ? `run-tests: ${sorted.length} file(s); storage tests run on PostgreSQL (${maskUrl(databaseUrl)}), one database per test file`
    : `run-tests: ${sorted.length} file(s); storage tests run on SQLite (set PHAROS_TEST_DATABASE_URL for PostgreSQL)`,
);

// The spec reporter is for people; a TAP copy in a temp file supplies node's `# pass N` / `# fail N`
// summary lines, printed last so scripts can grep them.
const tapDir = mkdtempSync(join(tmpdir(), 'pharos-run-tests-'));
const tapFile = join(tapDir, 'results.tap');
const reporters = [
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${tapFile}`,
];

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...reporters, ...nodeArgs, ...sorted],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } },
);

function printSummary() {
  try {
    const summary = readFileSync(tapFile, 'utf8')
      .split('\n')
      .filter((line) => /^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /.test(line));
    if (summary.length > 0) console.log(summary.join('\n'));
  } catch {
    // No TAP output (node failed to start the runner): the exit code says enough.
  } finally {
    rmSync(tapDir, { recursive: true, force: true });
  }
}

// Pass termination on to the runner and wait for it to exit, rather than dying first.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));

child.on('error', (error) => {
  rmSync(tapDir, { recursive: true, force: true });
  console.error(`run-tests: could not start node: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  printSummary();
  if (signal) {
    console.error(`run-tests: test runner killed by ${signal}`);
    process.exit(1);
  }
  process.exit(code ?? 1);
});
