import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from './load-config.js';

describe('loadConfig', () => {
  test('defaults: port 3000, embedded SQLite in ./data', () => {
    const config = loadConfig({}, '/srv/pharos');
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, null);
    assert.equal(config.dataDir, '/srv/pharos/data');
    assert.equal(config.publicUrl, 'http://localhost:3000');
    assert.ok(Object.isFrozen(config));
  });

  test('every problem is reported at once, each with a fix', () => {
    let caught: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        PHAROS_LOG_LEVEL: 'loud',
        PHAROS_PAGE_TIME_ZONE: 'Mars/Olympus',
        PHAROS_TYPO: '1',
      });
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof ConfigError);
    const variables = caught.problems.map((p) => p.variable).sort();
    assert.deepEqual(variables, ['DATABASE_URL', 'PHAROS_LOG_LEVEL', 'PHAROS_PAGE_TIME_ZONE', 'PHAROS_TYPO', 'PORT']);
    for (const problem of caught.problems) assert.ok(problem.fix.length > 10, `${problem.variable} has no fix`);
    assert.match(caught.message, /5 configuration problems/);
  });

  test('a JSON config file is read, and environment variables win over it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pharos-config-'));
    writeFileSync(
      join(dir, 'pharos.json'),
      JSON.stringify({ PORT: 8080, PHAROS_PUBLIC_URL: 'https://status.example.com/', HOST: '127.0.0.1' }),
    );
    const config = loadConfig({ PHAROS_CONFIG: 'pharos.json', PORT: '9090' }, dir);
    assert.equal(config.port, 9090);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.publicUrl, 'https://status.example.com');
  });

  test('DATABASE_URL selects PostgreSQL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://pharos:secret@db:5432/pharos' });
    assert.equal(config.databaseUrl, 'postgres://pharos:secret@db:5432/pharos');
  });
});
