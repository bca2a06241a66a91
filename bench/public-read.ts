// bench/public-read: how fast the public page answers under load, against nginx serving the same bytes.
//
//   npx tsx bench/public-read.ts [--duration 10] [--connections 256] [--workers N]
//
// Seeds a page with 50 components in 5 groups, 3 segments and 90 days of incident history, starts
// `pharos serve` (built dist/, production mode) on SQLite, loads /, /api/v2/summary.json and
// /badge.svg with wrk (256 connections, 10 s each), then serves the identical bytes from nginx and
// prints requests/s, p50/p99 latency, errors, Pharos's RSS and the ratio to nginx.
// Needs: wrk and nginx (Debian packages `wrk`, `nginx-light`), and `npm run build` done.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { seedBenchPage } from './seed-bench-page.js';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '256' },
    workers: { type: 'string', default: '' },
  },
});
const PATHS = ['/', '/api/v2/summary.json', '/badge.svg'];
const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

interface WrkResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

function parseMs(text: string): number {
  const m = /([\d.]+)(us|ms|s|m)\b/.exec(text);
  if (!m) return NaN;
  const n = Number(m[1]);
  const scale: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };
  return n * scale[m[2]!]!;
}

async function wrk(url: string, encoding: string, attempt = 1): Promise<WrkResult> {
  const result = await run(
    'wrk',
    ['-t2', `-c${values.connections}`, `-d${values.duration}s`, '--latency', '-H', `Accept-Encoding: ${encoding}`, url],
    { maxBuffer: 1 << 20 },
  ).catch((error: unknown) => {
    // wrk exits non-zero on a bad run (e.g. every socket refused while a worker restarts): retry once.
    if (attempt < 2) return { stdout: '', retry: true };
    throw error;
  });
  if ('retry' in result) return wrk(url, encoding, attempt + 1);
  const { stdout } = result;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
  const p50 = parseMs(/ 50%\s+(\S+)/.exec(stdout)?.[1] ?? '');
  const p99 = parseMs(/ 99%\s+(\S+)/.exec(stdout)?.[1] ?? '');
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1]);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
  const errors = non2xx + (socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  return { rps, p50, p99, errors, requests };
}

async function rssMb(pid: number): Promise<number> {
  // The server and, with --workers, its worker processes.
  const { stdout } = await run('ps', ['-o', 'rss=', '--pid', String(pid), '--ppid', String(pid)]);
  return stdout
    .trim()
    .split('\n')
    .reduce((sum, line) => sum + Number(line.trim() || 0) / 1024, 0);
}

/** The gzip body exactly as Pharos sends it, or null when it sends the body uncompressed. */
async function rawGzip(url: string): Promise<Buffer | null> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(res.headers['content-encoding'] === 'gzip' ? Buffer.concat(chunks) : null));
    })
      .on('error', reject)
      .end();
  });
}

function waitForListening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)".*Pharos is listening/.exec(buffered);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`pharos exited with ${code}: ${buffered}`)));
  });
}

async function startNginx(dir: string, port: number): Promise<ChildProcess> {
  const conf = join(dir, 'nginx.conf');
  await writeFile(
    conf,
    `worker_processes auto;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'nginx-error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_timeout 65; keepalive_requests 100000;
  types { text/html html; application/json json; image/svg+xml svg; }
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp;
  uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  server { listen 127.0.0.1:${port}; root ${join(dir, 'www')}; etag on; gzip_static on;
    location / { try_files $uri $uri/index.html =404; } }
}
`,
  );
  await mkdir(join(dir, 'tmp'), { recursive: true });
  const child = spawn('nginx', ['-c', conf, '-g', 'daemon off;'], { stdio: 'inherit' });
  children.push(child);
  await new Promise((r) => setTimeout(r, 500));
  return child;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'pharos-bench-read-'));
  const dataDir = join(dir, 'data');
  const seeded = await seedBenchPage(dataDir);
  console.log(
    `seeded: ${seeded.components} components, ${seeded.groups} groups, ${seeded.segments} segments, ${seeded.incidents} incidents over 90 days`,
  );

  const port = 39_000 + Math.floor(Math.random() * 1000);
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PHAROS_DATA_DIR: dataDir,
    PHAROS_LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    ...(values.workers ? { PHAROS_HTTP_WORKERS: values.workers } : {}),
  };
  const pharos = spawn(process.execPath, [join(root, 'bin/pharos'), 'serve'], {
    env: { ...env, PHAROS_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(pharos);
  const base = await waitForListening(pharos);

  // The same bytes, for nginx: the plain body and Pharos's own gzip of it (served by gzip_static).
  const www = join(dir, 'www');
  for (const path of PATHS) {
    const body = Buffer.from(
      await (await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer(),
    );
    const gz = await rawGzip(`${base}${path}`);
    const file = path === '/' ? 'index.html' : path.slice(1);
    await mkdir(dirname(join(www, file)), { recursive: true });
    await writeFile(join(www, file), body);
    if (gz) await writeFile(join(www, `${file}.gz`), gz);
    console.log(`${path}: ${body.length} bytes, ${gz ? `${gz.length} gzipped` : 'sent uncompressed'}`);
  }
  const nginxPort = port + 1;
  const nginx = await startNginx(dir, nginxPort);

  const rows: string[] = [];
  let worstP99 = 0;
  let rssPeak = 0;
  for (const encoding of ['gzip', 'identity'])
    for (const path of PATHS) {
      await wrk(`${base}${path}`, encoding); // warm-up pass is not counted
      const p = await wrk(`${base}${path}`, encoding);
      rssPeak = Math.max(rssPeak, await rssMb(pharos.pid!));
      const n = await wrk(`http://127.0.0.1:${nginxPort}${path}`, encoding);
      worstP99 = Math.max(worstP99, p.p99);
      rows.push(
        [
          `${path} (${encoding})`.padEnd(33),
          `${p.rps.toFixed(0).padStart(7)} req/s`,
          `p50 ${p.p50.toFixed(2).padStart(6)} ms`,
          `p99 ${p.p99.toFixed(2).padStart(6)} ms`,
          `err ${p.errors}`,
          `| nginx ${n.rps.toFixed(0).padStart(7)} req/s`,
          `p50 ${n.p50.toFixed(2).padStart(6)} ms`,
          `p99 ${n.p99.toFixed(2).padStart(6)} ms`,
          `| ratio ${(p.rps / n.rps).toFixed(2)}x`,
        ].join('  '),
      );
    }
  console.log(
    `\nwrk -t2 -c${values.connections} -d${values.duration}s, one machine, 2 cores shared with wrk; HTTP workers: ${values.workers || 1}`,
  );
  console.log(rows.join('\n'));
  console.log(`\nPharos RSS after load: ${rssPeak.toFixed(0)} MB; worst p99 ${worstP99.toFixed(2)} ms`);
  nginx.kill('SIGTERM');
  pharos.kill('SIGTERM');
  await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  void readFile;
}

await main();
process.exit(0);
