import type { Kysely, Selectable } from 'kysely';
import { decodeCursor, pageLimit, toPage } from './cursor.js';
import { decodeText, encodeOptionalText } from './free-text.js';
import type { AliasRecord, Page, PageRequest, RoutingEntry } from './store.js';
import { templateFor } from './statement-template.js';
import type { AliasesTable, Backend, Tables } from './tables.js';
import { inTransaction } from './transaction.js';

function aliasFromRow(row: Selectable<AliasesTable>): AliasRecord {
  return {
    arn: row.arn,
    stateMachineArn: row.state_machine_arn,
    name: row.name,
    ...(row.description !== null && { description: decodeText(row.description) }),
    routingConfiguration: JSON.parse(row.routing_configuration) as RoutingEntry[],
    creationDate: row.creation_date,
    updateDate: row.update_date,
  };
}

/** Replacing keeps the row, and with it the alias's place in creation order. */
export async function putAlias(backend: Backend, record: AliasRecord): Promise<void> {
  // Only the two members of a routing entry are kept, in a fixed order.
  const routing = JSON.stringify(
    record.routingConfiguration.map((entry) => ({
      stateMachineVersionArn: entry.stateMachineVersionArn,
      weight: entry.weight,
    })),
  );
  const columns = {
    state_machine_arn: record.stateMachineArn,
    name: record.name,
    description: encodeOptionalText(record.description),
    routing_configuration: routing,
    creation_date: record.creationDate,
    update_date: record.updateDate,
  };
  await inTransaction(backend, (trx) =>
    trx
      .insertInto('aliases')
      .values({ arn: record.arn, ...columns })
      .onConflict((oc) => oc.column('arn').doUpdateSet(columns))
      .execute(),
  );
}

const aliasByArn = templateFor((db, slot) => db.selectFrom('aliases').selectAll().where('arn', '=', slot(0)));

export async function getAlias(db: Kysely<Tables>, arn: string): Promise<AliasRecord | undefined> {
  const [row] = (await db.executeQuery(aliasByArn(db).bind([arn]))).rows;
  return row === undefined ? undefined : aliasFromRow(row);
}

export async function listAliases(
  db: Kysely<Tables>,
  stateMachineArn: string,
  page: PageRequest,
): Promise<Page<AliasRecord>> {
  const limit = pageLimit(page.limit);
  let query = db
    .selectFrom('aliases')
    .selectAll()
    .where('state_machine_arn', '=', stateMachineArn)
    .orderBy('ord')
    .limit(limit + 1);
  if (page.after !== undefined) {
    const [ord] = decodeCursor('aliases', page.after);
    query = query.where('ord', '>', ord);
  }
  const rows = await query.execute();
  return toPage(rows, limit, 'aliases', (row) => [row.ord], aliasFromRow);
}

export async function deleteAlias(backend: Backend, arn: string): Promise<void> {
  await inTransaction(backend, (trx) => trx.deleteFrom('aliases').where('arn', '=', arn).execute());
}
