import type { Kysely } from 'kysely';
import { revisionColumns, revisionFromRow } from './records.js';
import type { MachineSnapshot } from './store.js';
import type { Backend, Tables } from './tables.js';
import { inTransaction } from './transaction.js';

/** Written once: snapshots are immutable, so a second writer's copy is the same record. */
export async function putMachineSnapshot(backend: Backend, snapshot: MachineSnapshot): Promise<void> {
  await inTransaction(backend, (trx) =>
    trx
      .insertInto('machine_snapshots')
      .values({
        key: snapshot.key,
        state_machine_arn: snapshot.stateMachineArn,
        name: snapshot.name,
        ...revisionColumns(snapshot.revision),
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute(),
  );
}

export async function getMachineSnapshot(db: Kysely<Tables>, key: string): Promise<MachineSnapshot | undefined> {
  const row = await db.selectFrom('machine_snapshots').selectAll().where('key', '=', key).executeTakeFirst();
  if (row === undefined) return undefined;
  return { key: row.key, stateMachineArn: row.state_machine_arn, name: row.name, revision: revisionFromRow(row) };
}
