// A realistic large page for benchmarks: 50 components in 5 groups, 3 segments, and 90 days of
// incidents (one every two days, 1–3 components each, some on a single segment), entered through
// the use cases with a clock that walks through the 90 days.

import { createAppContext } from '../src/app/context.js';
import { createComponent } from '../src/app/components/create-component.js';
import { createGroup } from '../src/app/groups/create-group.js';
import { addIncidentUpdate } from '../src/app/incidents/add-incident-update.js';
import { createIncident } from '../src/app/incidents/create-incident.js';
import { ensureDefaultPage } from '../src/app/pages/ensure-default-page.js';
import { createSegment } from '../src/app/segments/create-segment.js';
import type { ComponentStatus } from '../src/core/component-status.js';
import type { Component, Segment } from '../src/core/model.js';
import { openDatabase } from '../src/store/database.js';
import { migrateToLatest } from '../src/store/migrate.js';

const DAY = 86_400_000;
const actor = { type: 'system' as const, id: null, name: 'bench', role: 'admin' as const };

/** Seed the page into a fresh SQLite database in `dataDir`. */
export async function seedBenchPage(dataDir: string) {
  const database = openDatabase({ databaseUrl: null, dataDir });
  await migrateToLatest(database);
  const end = Date.now();
  let now = end - 91 * DAY;
  const app = createAppContext(database.db, database.dialect, { now: () => new Date(now) });
  await ensureDefaultPage(app, { name: 'Bench Cloud', timeZone: 'Europe/Paris' });
  const segments: Segment[] = [];
  for (const name of ['EU West', 'US East', 'Asia Pacific']) segments.push(await createSegment(app, actor, { name }));
  const components: Component[] = [];
  for (let g = 0; g < 5; g++) {
    const group = await createGroup(app, actor, { name: `Group ${g + 1}` });
    for (let c = 0; c < 10; c++) {
      components.push(
        await createComponent(app, actor, {
          name: `Service ${g + 1}.${c + 1}`,
          description: `Component ${c + 1} of group ${g + 1}`,
          groupId: group.id,
        }),
      );
    }
  }
  const statuses: ComponentStatus[] = ['degraded_performance', 'partial_outage', 'major_outage'];
  let incidents = 0;
  for (let day = 1; day <= 90; day += 2) {
    now = end - (91 - day) * DAY + ((day * 37) % 12) * 3_600_000;
    const affected = components.filter((_, i) => (i * 7 + day) % 50 < 1 + (day % 3));
    const incident = await createIncident(app, actor, {
      name: `Elevated errors on day ${day}`,
      status: 'investigating',
      message: 'We are investigating elevated error rates.',
      components: affected.map((c, i) => ({
        componentId: c.id,
        segmentId: day % 3 === 0 ? segments[i % 3]!.id : null,
        status: statuses[(day + i) % 3]!,
      })),
    });
    now += 20 * 60_000;
    await addIncidentUpdate(app, actor, incident.id, { status: 'identified', message: 'The cause is identified.' });
    now += (30 + ((day * 13) % 240)) * 60_000;
    await addIncidentUpdate(app, actor, incident.id, {
      status: 'resolved',
      message: 'This incident has been resolved.',
    });
    incidents += 1;
  }
  await database.close();
  return { components: components.length, groups: 5, segments: segments.length, incidents };
}
