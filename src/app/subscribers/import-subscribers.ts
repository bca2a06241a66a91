import { DomainError } from '../../core/errors.js';
import type { Actor } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { writeSubscriber, type CreateSubscriberInput } from './create-subscriber.js';

/** What an import did. */
export interface ImportResult {
  created: number;
  /** Rows skipped because the address is already subscribed. */
  skipped: number;
}

/**
 * Import subscribers all or nothing: one bad row (with its 1-based row number in the error) leaves
 * the list as it was. Addresses already subscribed are skipped, so an import can be re-run.
 */
export async function importSubscribers(
  app: AppContext,
  actor: Actor,
  pageId: string | null,
  rows: readonly Omit<CreateSubscriberInput, 'pageId'>[],
): Promise<ImportResult> {
  requireRole(actor, 'admin');
  return runWrite(app, async (trx) => {
    const result: ImportResult = { created: 0, skipped: 0 };
    for (const [index, row] of rows.entries()) {
      try {
        await writeSubscriber(trx, app, { ...row, pageId });
        result.created++;
      } catch (error) {
        if (error instanceof DomainError && error.code === 'SUBSCRIBER_EXISTS') {
          result.skipped++;
          continue;
        }
        if (error instanceof DomainError) {
          throw new DomainError(error.kind, error.code, `Row ${index + 1}: ${error.message}`, { row: index + 1 });
        }
        throw error;
      }
    }
    await audit(trx, app, actor, {
      action: 'subscriber.imported',
      targetType: 'page',
      targetId: pageId ?? 'default',
      pageId,
      after: result,
    });
    return { value: result, changedPageIds: [] };
  });
}
