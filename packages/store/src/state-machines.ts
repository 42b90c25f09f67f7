import type { Kysely } from 'kysely';
import { decodeCursor, pageLimit, toPage } from './cursor.js';
import { revisionColumns, revisionFromRow, revisionSelection, type RevisionColumns } from './records.js';
import type {
  Page,
  PageRequest,
  RevisionRecord,
  StateMachineRecord,
  StateMachineStatus,
  StateMachineType,
} from './store.js';
import { templateFor } from './statement-template.js';
import type { Backend, Tables } from './tables.js';
import { affected, inTransaction } from './transaction.js';

type MachineRow = RevisionColumns & {
  readonly arn: string;
  readonly name: string;
  readonly type: string;
  readonly status: string;
  readonly creation_date: number;
  readonly last_version_number: number;
};

/** Machines joined with their current revision. */
function selectMachines(db: Kysely<Tables>) {
  return db
    .selectFrom('state_machines')
    .innerJoin('revisions', (join) =>
      join
        .onRef('revisions.state_machine_arn', '=', 'state_machines.arn')
        .onRef('revisions.seq', '=', 'state_machines.revision_seq'),
    )
    .select([
      'state_machines.arn',
      'state_machines.name',
      'state_machines.type',
      'state_machines.status',
      'state_machines.creation_date',
      'state_machines.last_version_number',
      ...revisionSelection,
    ]);
}

function machineFromRow(row: MachineRow): StateMachineRecord {
  return {
    arn: row.arn,
    name: row.name,
    type: row.type as StateMachineType,
    status: row.status as StateMachineStatus,
    creationDate: row.creation_date,
    revision: revisionFromRow(row),
    lastVersionNumber: row.last_version_number,
  };
}

export async function createStateMachine(backend: Backend, record: StateMachineRecord): Promise<boolean> {
  return inTransaction(backend, async (trx) => {
    // Insert-or-nothing, not select-then-insert: the unique key decides a race for a name.
    const inserted = await trx
      .insertInto('state_machines')
      .values({
        arn: record.arn,
        name: record.name,
        type: record.type,
        status: record.status,
        creation_date: record.creationDate,
        revision_seq: record.revision.seq,
        last_version_number: record.lastVersionNumber,
      })
      .onConflict((oc) => oc.column('arn').doNothing())
      .returning('arn')
      .executeTakeFirst();
    if (inserted === undefined) return false;
    await trx
      .insertInto('revisions')
      .values({ state_machine_arn: record.arn, ...revisionColumns(record.revision) })
      .execute();
    return true;
  });
}

const machineByArn = templateFor((db, slot) => selectMachines(db).where('state_machines.arn', '=', slot(0)));

export async function getStateMachine(db: Kysely<Tables>, arn: string): Promise<StateMachineRecord | undefined> {
  const [row] = (await db.executeQuery(machineByArn(db).bind([arn]))).rows;
  return row === undefined ? undefined : machineFromRow(row);
}

export async function listStateMachines(db: Kysely<Tables>, page: PageRequest): Promise<Page<StateMachineRecord>> {
  const limit = pageLimit(page.limit);
  let query = selectMachines(db)
    .orderBy('state_machines.name')
    .orderBy('state_machines.arn')
    .limit(limit + 1);
  if (page.after !== undefined) {
    // Names repeat across accounts and regions; the ARN makes the keyset unique.
    const [name, arn] = decodeCursor('machines', page.after);
    query = query.where((eb) => eb(eb.refTuple('state_machines.name', 'state_machines.arn'), '>', eb.tuple(name, arn)));
  }
  const rows = await query.execute();
  return toPage(rows, limit, 'machines', (row) => [row.name, row.arn], machineFromRow);
}

export async function updateStateMachine(backend: Backend, arn: string, revision: RevisionRecord): Promise<boolean> {
  return inTransaction(backend, async (trx) => {
    // The guarded update is the optimistic-concurrency check: of two updates made from the
    // same current revision, only one finds `revision_seq` still at seq - 1.
    const updated = await trx
      .updateTable('state_machines')
      .set({ revision_seq: revision.seq })
      .where('arn', '=', arn)
      .where('revision_seq', '=', revision.seq - 1)
      .executeTakeFirst();
    if (affected(updated) === 0) return false;
    await trx
      .insertInto('revisions')
      .values({ state_machine_arn: arn, ...revisionColumns(revision) })
      .execute();
    return true;
  });
}

export async function setStateMachineStatus(backend: Backend, arn: string, status: StateMachineStatus): Promise<void> {
  await inTransaction(backend, (trx) =>
    trx.updateTable('state_machines').set({ status }).where('arn', '=', arn).execute(),
  );
}

/** Revisions, versions and aliases go by foreign-key cascade; tags have no foreign key. */
export async function deleteStateMachine(backend: Backend, arn: string): Promise<void> {
  await inTransaction(backend, async (trx) => {
    await trx.deleteFrom('state_machines').where('arn', '=', arn).execute();
    await trx.deleteFrom('tags').where('resource_arn', '=', arn).execute();
  });
}
