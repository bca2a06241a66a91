import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PageSnapshot } from './page-snapshot.js';
import type { PublicRoute } from './public-path.js';

/** Where a route's file goes in a static export: the same path a live server answers. */
export function exportPathOf(route: PublicRoute): string {
  switch (route.kind) {
    case 'index':
      return 'index.html';
    case 'history':
      return route.page === 1 ? 'history/index.html' : `history/page/${route.page}/index.html`;
    case 'incident':
      return `incidents/${route.id}/index.html`;
    case 'json':
      return `api/v2/${route.endpoint}`;
    case 'rss':
      return 'history.rss';
    case 'atom':
      return 'history.atom';
    case 'badge':
      return 'badge.svg';
    case 'calendar':
      return 'maintenance.ics';
    case 'embed':
      return 'embed/script.js';
    case 'asset':
      return `assets/${route.name}`;
  }
}

/** What an export wrote. */
export interface ExportResult {
  files: number;
  bytes: number;
}

/**
 * Write every file of a page's snapshot under `dir`, in the page's default language, served at the
 * root of its host. Compressible files get a `.gz` twin for servers that send precompressed files
 * (nginx `gzip_static on`).
 */
export async function exportSnapshot(snapshot: PageSnapshot, dir: string): Promise<ExportResult> {
  const lang = { lang: snapshot.data.view.page.defaultLang, explicit: false };
  const result: ExportResult = { files: 0, bytes: 0 };
  const write = async (path: string, body: Buffer) => {
    const full = join(dir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, body);
    result.files += 1;
    result.bytes += body.length;
  };
  for (const route of snapshot.allRoutes()) {
    const file = snapshot.file(route, lang, '');
    if (!file) continue;
    const path = exportPathOf(route);
    await write(path, file.body);
    if (file.compressible) await write(`${path}.gz`, file.encoded('gzip'));
  }
  await write('404.html', snapshot.notFound(lang, '').body);
  return result;
}
