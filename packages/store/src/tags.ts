import type { Kysely } from 'kysely';
import { decodeText, encodeText } from './free-text.js';
import type { Tag } from './store.js';
import type { Backend, Tables } from './tables.js';
import { inTransaction } from './transaction.js';

export async function getTags(db: Kysely<Tables>, resourceArn: string): Promise<readonly Tag[]> {
  const rows = await db
    .selectFrom('tags')
    .select(['key', 'value'])
    .where('resource_arn', '=', resourceArn)
    .orderBy('ord')
    .execute();
  return rows.map((row) => ({ key: row.key, value: decodeText(row.value) }));
}

export async function putTags(backend: Backend, resourceArn: string, tags: readonly Tag[]): Promise<void> {
  // One row per key, the last value given winning, in the order keys first appear: a
  // statement that upserts the same key twice is an error on PostgreSQL.
  const values = new Map<string, string>();
  for (const tag of tags) values.set(tag.key, tag.value);
  if (values.size === 0) return;
  await inTransaction(backend, (trx) =>
    trx
      .insertInto('tags')
      .values([...values].map(([key, value]) => ({ resource_arn: resourceArn, key, value: encodeText(value) })))
      .onConflict((oc) =>
        oc.columns(['resource_arn', 'key']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })),
      )
      .execute(),
  );
}

export async function removeTags(backend: Backend, resourceArn: string, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await inTransaction(backend, (trx) =>
    trx.deleteFrom('tags').where('resource_arn', '=', resourceArn).where('key', 'in', keys).execute(),
  );
}
