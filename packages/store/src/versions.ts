import type { Kysely } from 'kysely';
import { decodeCursor, pageLimit, toPage } from './cursor.js';
import { decodeText, encodeOptionalText } from './free-text.js';
import { revisionFromRow, revisionSelection, type RevisionColumns } from './records.js';
import type { Page, PageRequest, VersionRecord } from './store.js';
import { templateFor } from './statement-template.js';
import type { Backend, Tables } from './tables.js';
import { inTransaction } from './transaction.js';

type VersionRow = RevisionColumns & {
  readonly arn: string;
  readonly state_machine_arn: string;
  readonly number: number;
  readonly description: string | null;
  readonly creation_date: number;
};

function selectVersions(db: Kysely<Tables>) {
  return db
    .selectFrom('versions')
    .innerJoin('revisions', (join) =>
      join
        .onRef('revisions.state_machine_arn', '=', 'versions.state_machine_arn')
        .onRef('revisions.seq', '=', 'versions.revision_seq'),
    )
    .select([
      'versions.arn',
      'versions.state_machine_arn',
      'versions.number',
      'versions.description',
      'versions.creation_date',
      ...revisionSelection,
    ]);
}

function versionFromRow(row: VersionRow): VersionRecord {
  return {
    arn: row.arn,
    stateMachineArn: row.state_machine_arn,
    number: row.number,
    ...(row.description !== null && { description: decodeText(row.description) }),
    creationDate: row.creation_date,
    revision: revisionFromRow(row),
  };
}

export async function publishVersion(
  backend: Backend,
  stateMachineArn: string,
  options: { readonly description?: string; readonly creationDate: number },
): Promise<VersionRecord | undefined> {
  return inTransaction(backend, async (trx) => {
    // Incrementing in place takes the machine's row lock (PostgreSQL) or the write lock
    // (SQLite) before the number is read, so concurrent publishes get distinct numbers. The
    // counter lives on the machine, not in max(number): deleted numbers stay used.
    const counter = await trx
      .updateTable('state_machines')
      .set((eb) => ({ last_version_number: eb('last_version_number', '+', 1) }))
      .where('arn', '=', stateMachineArn)
      .returning(['last_version_number', 'revision_seq'])
      .executeTakeFirst();
    if (counter === undefined) return undefined;
    const arn = `${stateMachineArn}:${counter.last_version_number}`;
    await trx
      .insertInto('versions')
      .values({
        arn,
        state_machine_arn: stateMachineArn,
        number: counter.last_version_number,
        description: encodeOptionalText(options.description),
        creation_date: options.creationDate,
        revision_seq: counter.revision_seq,
      })
      .execute();
    const row = await selectVersions(trx).where('versions.arn', '=', arn).executeTakeFirstOrThrow();
    return versionFromRow(row);
  });
}

const versionByArn = templateFor((db, slot) => selectVersions(db).where('versions.arn', '=', slot(0)));

export async function getVersion(db: Kysely<Tables>, arn: string): Promise<VersionRecord | undefined> {
  const [row] = (await db.executeQuery(versionByArn(db).bind([arn]))).rows;
  return row === undefined ? undefined : versionFromRow(row);
}

/** The newest, should a revision have been published more than once. */
export async function findVersionByRevision(
  db: Kysely<Tables>,
  stateMachineArn: string,
  revisionSeq: number,
): Promise<VersionRecord | undefined> {
  const row = await selectVersions(db)
    .where('versions.state_machine_arn', '=', stateMachineArn)
    .where('versions.revision_seq', '=', revisionSeq)
    .orderBy('versions.number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : versionFromRow(row);
}

export async function listVersions(
  db: Kysely<Tables>,
  stateMachineArn: string,
  page: PageRequest,
): Promise<Page<VersionRecord>> {
  const limit = pageLimit(page.limit);
  let query = selectVersions(db)
    .where('versions.state_machine_arn', '=', stateMachineArn)
    .orderBy('versions.number', 'desc')
    .limit(limit + 1);
  if (page.after !== undefined) {
    const [number] = decodeCursor('versions', page.after);
    query = query.where('versions.number', '<', number);
  }
  const rows = await query.execute();
  return toPage(rows, limit, 'versions', (row) => [row.number], versionFromRow);
}

export async function deleteVersion(backend: Backend, arn: string): Promise<void> {
  await inTransaction(backend, (trx) => trx.deleteFrom('versions').where('arn', '=', arn).execute());
}
