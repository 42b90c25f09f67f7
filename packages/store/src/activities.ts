import type { Kysely } from 'kysely';
import { decodeCursor, pageLimit, toPage } from './cursor.js';
import type { ActivityRecord, Page, PageRequest } from './store.js';
import type { ActivitiesTable, Backend, Tables } from './tables.js';
import { inTransaction } from './transaction.js';

function activityFromRow(row: ActivitiesTable): ActivityRecord {
  const record = { arn: row.arn, name: row.name, creationDate: row.creation_date };
  return row.encryption_configuration === null ? record : { ...record, encryptionConfiguration: row.encryption_configuration };
}

export async function createActivity(backend: Backend, record: ActivityRecord): Promise<boolean> {
  // Insert-or-nothing: the primary key decides a race between two creations of one name.
  const inserted = await inTransaction(backend, (trx) =>
    trx
      .insertInto('activities')
      .values({
        arn: record.arn,
        name: record.name,
        creation_date: record.creationDate,
        encryption_configuration: record.encryptionConfiguration ?? null,
      })
      .onConflict((oc) => oc.column('arn').doNothing())
      .returning('arn')
      .executeTakeFirst(),
  );
  return inserted !== undefined;
}

export async function getActivity(db: Kysely<Tables>, arn: string): Promise<ActivityRecord | undefined> {
  const row = await db.selectFrom('activities').selectAll().where('arn', '=', arn).executeTakeFirst();
  return row === undefined ? undefined : activityFromRow(row);
}

export async function listActivities(db: Kysely<Tables>, page: PageRequest): Promise<Page<ActivityRecord>> {
  const limit = pageLimit(page.limit);
  let query = db.selectFrom('activities').selectAll().orderBy('name').orderBy('arn').limit(limit + 1);
  if (page.after !== undefined) {
    // Names repeat across accounts and regions; the ARN makes the keyset unique.
    const [name, arn] = decodeCursor('activities', page.after);
    query = query.where((eb) => eb(eb.refTuple('name', 'arn'), '>', eb.tuple(name, arn)));
  }
  const rows = await query.execute();
  return toPage(rows, limit, 'activities', (row) => [row.name, row.arn], activityFromRow);
}

/** Tags have no foreign key (machines and activities share them): they go here too. */
export async function deleteActivity(backend: Backend, arn: string): Promise<void> {
  await inTransaction(backend, async (trx) => {
    await trx.deleteFrom('activities').where('arn', '=', arn).execute();
    await trx.deleteFrom('tags').where('resource_arn', '=', arn).execute();
  });
}
