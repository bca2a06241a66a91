import type { FastifyInstance, InjectOptions } from 'fastify';
import { createAppContext, type AppContext } from '../../src/app/context.js';
import { ensureDefaultPage } from '../../src/app/pages/ensure-default-page.js';
import { createToken } from '../../src/app/tokens/create-token.js';
import type { Page, Role } from '../../src/core/model.js';
import { createPublicSnapshots } from '../../src/http/public/public-snapshots.js';
import type { SnapshotRegistry } from '../../src/http/public/snapshot/snapshot-registry.js';
import { createHttpServer } from '../../src/http/server.js';
import { createTestDatabase } from '../../src/store/test-support/test-database.js';

/** A controllable clock for tests: starts at a fixed instant and only moves when told. */
export class TestClock {
  private ms: number;
  constructor(start = '2026-07-04T12:00:00.000Z') {
    this.ms = Date.parse(start);
  }
  now = (): Date => new Date(this.ms);
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

/** An in-process Pharos on its own fresh database, with tokens for each role. */
export interface TestApp {
  http: FastifyInstance;
  app: AppContext;
  clock: TestClock;
  defaultPage: Page;
  tokens: Record<Role, string>;
  /** Inject a request as the given role (admin by default); JSON bodies are serialised. */
  request(
    options: InjectOptions & { role?: Role | null; json?: unknown },
  ): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  snapshots: SnapshotRegistry;
  /** Rebuild every public snapshot now (after moving the clock without a write). */
  refreshPublic(): Promise<void>;
  close(): Promise<void>;
}

/** Build a test app. */
export async function createTestApp(options: { start?: string } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = new TestClock(options.start);
  let snapshots: SnapshotRegistry | null = null;
  const app = createAppContext(database.db, database.dialect, {
    now: clock.now,
    onPageChanged: (pageId) => snapshots?.pageChanged(pageId),
  });
  const defaultPage = await ensureDefaultPage(app, { name: 'Acme Status', timeZone: 'UTC' });
  const system = { type: 'system' as const, id: null, name: 'test', role: 'admin' as const };
  const tokens = {} as Record<Role, string>;
  for (const role of ['admin', 'editor', 'viewer'] as const) {
    tokens[role] = (await createToken(app, system, { name: `${role} token`, role })).secret;
  }
  // Background refreshes are off: tests refresh explicitly (`refreshPublic`) after moving the clock.
  snapshots = createPublicSnapshots(app, { publicUrl: 'http://status.test', refreshMs: 3_600_000, pollMs: 3_600_000 });
  await snapshots.start();
  const http = await createHttpServer({
    snapshots,
    app,
    config: { bodyLimitBytes: 256 * 1024, publicUrl: 'http://status.test', trustProxy: false },
    logger: false,
  });
  await http.ready();
  return {
    http,
    app,
    clock,
    defaultPage,
    tokens,
    async request({ role = 'admin', json, headers, ...rest }) {
      const allHeaders: Record<string, string> = { ...(headers as Record<string, string> | undefined) };
      if (role) allHeaders.authorization = `Bearer ${tokens[role]}`;
      if (json !== undefined) allHeaders['content-type'] = 'application/json';
      const response = await http.inject({
        ...rest,
        headers: allHeaders,
        ...(json !== undefined ? { payload: JSON.stringify(json) } : {}),
      });
      let body: unknown = response.body;
      if ((response.headers['content-type'] ?? '').toString().includes('json') && response.body)
        body = JSON.parse(response.body);
      return { status: response.statusCode, body, headers: response.headers };
    },
    snapshots,
    async refreshPublic() {
      await snapshots.refreshAll();
    },
    async close() {
      await http.close();
      await snapshots.stop();
      await database.cleanup();
    },
  };
}
