import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadConfig } from '../src/config/load-config.js';
import { createLogger, startServer, type RunningServer } from '../src/main.js';
import { createEmptyTestDatabase, type EmptyTestDatabase } from '../src/store/test-support/test-database.js';

// The real thing, in real time: `pharos serve` on a port, `pharos probe` as a separate process,
// the server stopped while the probe keeps checking, the probe killed with SIGKILL, then both
// started again: every result the probe spooled reaches the server exactly once.

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

let empty: EmptyTestDatabase;
let server: RunningServer | null = null;
let env: Record<string, string>;
let target: Server;
let probe: ChildProcess | null = null;
let spool: string;

async function start(port: string): Promise<RunningServer> {
  const config = loadConfig({ ...env, PORT: port });
  return startServer(config, createLogger(config));
}

before(async () => {
  empty = await createEmptyTestDatabase();
  const dataDir = empty.options.dataDir || (await mkdtemp(join(tmpdir(), 'pharos-e2e-')));
  spool = join(await mkdtemp(join(tmpdir(), 'pharos-spool-')), 'branch.jsonl');
  env = { PHAROS_DATA_DIR: dataDir, PHAROS_LOG_LEVEL: 'silent', HOST: '127.0.0.1' };
  if (empty.options.databaseUrl) env.DATABASE_URL = empty.options.databaseUrl;
  server = await start('0');
  target = createServer((_q, r) => r.writeHead(200).end('ok'));
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  probe?.kill('SIGKILL');
  target.close();
  await server?.close();
  await empty.cleanup();
});

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
  return stdout.trim();
}

function startProbe(url: string, token: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/entry.ts',
      'probe',
      '--server',
      url,
      '--token',
      token,
      '--location',
      'branch',
      '--spool',
      spool,
    ],
    { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' },
  );
}

async function until(what: string, condition: () => Promise<boolean>, seconds = 40): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function spooled(): Promise<string[]> {
  try {
    const text = await readFile(spool, 'utf8');
    return text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { id: string }).id);
  } catch {
    return [];
  }
}

async function storedFromBranch(s: RunningServer, ids?: string[]): Promise<number> {
  let q = s.database.db
    .selectFrom('check_results')
    .select(({ fn }) => fn.countAll<number>().as('n'))
    .where('location', '=', 'branch');
  if (ids) q = q.where('id', 'in', ids);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

test(
  'a probe killed while the server is down sends its spooled results once both are back',
  { timeout: 120_000 },
  async () => {
    const admin = await cli('token', 'create', '--name', 'admin', '--role', 'admin');
    const probeToken = await cli('token', 'create', '--name', 'branch probe', '--role', 'probe');
    const component = (await (
      await fetch(`${server!.url}/api/v1/components`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Branch router' }),
      })
    ).json()) as { id: string };
    const monitorId = await cli(
      'monitor',
      'create',
      '--type',
      'http',
      '--name',
      'Branch router',
      '--component',
      component.id,
      '--url',
      `http://127.0.0.1:${(target.address() as AddressInfo).port}/`,
      '--interval',
      '10',
      '--location',
      'branch',
    );
    assert.match(await cli('monitor', 'list'), new RegExp(`${monitorId}\\thttp\\t`));

    const port = server!.url.split(':').pop()!;
    probe = startProbe(server!.url, probeToken);
    await until('the probe reports a result', async () => (await storedFromBranch(server!)) >= 1);
    const before = await storedFromBranch(server!);

    await server!.close();
    server = null;
    await until('the probe spools two results', async () => (await spooled()).length >= 2, 40);
    probe.kill('SIGKILL');
    await new Promise((r) => probe!.once('exit', r));
    const kept = await spooled();

    server = await start(port);
    assert.equal(await storedFromBranch(server), before, 'nothing arrived while the server was down');
    probe = startProbe(server.url, probeToken);
    await until('the spooled results arrive', async () => (await storedFromBranch(server!, kept)) === kept.length);
    probe.kill('SIGTERM');
    await new Promise((r) => probe!.once('exit', r));
    probe = null;
    assert.equal(await storedFromBranch(server, kept), kept.length);
    assert.deepEqual(await spooled(), [], 'the spool is empty once the server has everything');
  },
);
