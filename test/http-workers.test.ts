import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createEmptyTestDatabase } from '../src/store/test-support/test-database.js';

// PHAROS_HTTP_WORKERS=2: a primary runs the background loops, two workers share the port. A write
// answered by one worker shows on the page served by the other within a second; SIGTERM stops all.

const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
const empty = await createEmptyTestDatabase();
const dataDir = empty.options.dataDir || (await mkdtemp(join(tmpdir(), 'pharos-workers-')));
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  PHAROS_DATA_DIR: dataDir,
  PHAROS_LOG_LEVEL: 'info',
  PHAROS_HTTP_WORKERS: '2',
  HOST: '127.0.0.1',
  PORT: '0',
  ...(empty.options.databaseUrl ? { DATABASE_URL: empty.options.databaseUrl } : {}),
};
after(() => empty.cleanup());

test('two HTTP workers serve the same page and see each other’s writes', async () => {
  await run(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', 'migrate'], { cwd: root, env });
  const token = (
    await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/entry.ts', 'token', 'create', '--name', 'ops', '--role', 'admin'],
      { cwd: root, env },
    )
  ).stdout.trim();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', 'serve'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const match = /"url":"(http:\/\/[^"]+)","workers":2.*Pharos is listening/.exec(buffered);
        if (match) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${buffered}`)));
    });
    for (let i = 0; i < 5; i++) {
      const name = `Component ${i}`;
      const res = await fetch(`${base}/api/v1/components`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });
      assert.equal(res.status, 201);
      const answeredAt = Date.now();
      // New connections spread over both workers; each must show the write within a second.
      for (;;) {
        const seen = await Promise.all(
          [0, 1, 2, 3].map(async () => {
            const summary = (await (
              await fetch(`${base}/api/v2/summary.json`, { headers: { connection: 'close' } })
            ).json()) as { components: { name: string }[] };
            return summary.components.some((c) => c.name === name);
          }),
        );
        if (seen.every(Boolean)) break;
        assert.ok(Date.now() - answeredAt < 1_500, `"${name}" visible everywhere within a second or so`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } finally {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  }
});
