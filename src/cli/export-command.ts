import { parseArgs } from 'node:util';
import type { AppContext } from '../app/context.js';
import type { Config } from '../config/config.js';
import { notFound } from '../core/errors.js';
import { loadUptimeLookup, PUBLIC_RENDERERS } from '../http/public/public-snapshots.js';
import { exportSnapshot } from '../http/public/snapshot/export-snapshot.js';
import { buildPageSnapshot } from '../http/public/snapshot/snapshot-registry.js';
import { findDefaultPage, findPageBySlug, listPageVersions } from '../store/pages-store.js';

const USAGE = 'Usage: pharos export --out DIR [--page SLUG]\n';

/** `pharos export`: the public page as static files, with the same paths as the live server. */
export async function runExportCommand(
  app: AppContext,
  config: Pick<Config, 'publicUrl'>,
  args: string[],
  print: (text: string) => void,
): Promise<number> {
  let values: { out?: string; page?: string };
  try {
    ({ values } = parseArgs({ args, options: { out: { type: 'string' }, page: { type: 'string' } } }));
  } catch (error) {
    print(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.out) {
    print(USAGE);
    return 2;
  }
  const defaultPage = await findDefaultPage(app.db);
  const page = values.page ? await findPageBySlug(app.db, values.page) : defaultPage;
  if (!page) throw notFound('PAGE_NOT_FOUND', `No status page has the slug "${values.page ?? ''}".`);
  const version = (await listPageVersions(app.db)).get(page.id) ?? 0;
  const snapshot = await buildPageSnapshot(app, page, page.id === defaultPage?.id, version, {
    publicUrl: config.publicUrl,
    renderers: PUBLIC_RENDERERS,
    loadUptime: (p, now) => loadUptimeLookup(app, p, now),
  });
  const result = await exportSnapshot(snapshot, values.out);
  print(`Exported "${page.name}" to ${values.out}: ${result.files} files, ${result.bytes} bytes.\n`);
  return 0;
}
