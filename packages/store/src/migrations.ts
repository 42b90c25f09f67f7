/**
 * The schema, as an append-only list of migrations. A released migration is never edited:
 * stores in the field have run it; a change is a new entry with the next version.
 */
import { sql, type ColumnDefinitionBuilder, type Expression, type Kysely } from 'kysely';
import type { BackendKind } from './tables.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  // Migrations run against whatever the schema was at their version, not today's Tables.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, kind: BackendKind): Promise<void>;
}

/** `integer primary key` is SQLite's rowid alias (append-only B-tree, no extra index). */
function autoId(kind: BackendKind): {
  type: 'integer' | 'bigint';
  modify: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
} {
  return kind === 'sqlite'
    ? { type: 'integer', modify: (c) => c.primaryKey() }
    : { type: 'bigint', modify: (c) => c.primaryKey().generatedByDefaultAsIdentity() };
}

/**
 * Text that listings sort by. PostgreSQL would otherwise sort by the database's locale
 * (case-insensitive, punctuation-blind in most); "C" sorts by code point, as SQLite does and
 * as AWS's ListStateMachines was observed to.
 */
function sortableText(kind: BackendKind): Expression<unknown> {
  return kind === 'sqlite' ? sql`text` : sql`text collate "C"`;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    async up(db, kind) {
      const id = autoId(kind);
      await db.schema
        .createTable('state_machines')
        .addColumn('arn', sortableText(kind), (c) => c.primaryKey())
        .addColumn('name', sortableText(kind), (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('creation_date', 'bigint', (c) => c.notNull())
        .addColumn('revision_seq', 'integer', (c) => c.notNull())
        .addColumn('last_version_number', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('state_machines_by_name').on('state_machines').columns(['name', 'arn']).execute();

      await db.schema
        .createTable('revisions')
        .addColumn('state_machine_arn', 'text', (c) => c.notNull().references('state_machines.arn').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('revision_id', 'text')
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('role_arn', 'text', (c) => c.notNull())
        .addColumn('logging_configuration', 'text', (c) => c.notNull())
        .addColumn('tracing_configuration', 'text', (c) => c.notNull())
        .addColumn('encryption_configuration', 'text')
        .addColumn('update_date', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('revisions_pk', ['state_machine_arn', 'seq'])
        .execute();

      await db.schema
        .createTable('versions')
        .addColumn('arn', 'text', (c) => c.primaryKey())
        .addColumn('state_machine_arn', 'text', (c) => c.notNull().references('state_machines.arn').onDelete('cascade'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('creation_date', 'bigint', (c) => c.notNull())
        .addColumn('revision_seq', 'integer', (c) => c.notNull())
        .addUniqueConstraint('versions_number', ['state_machine_arn', 'number'])
        .execute();
      await db.schema
        .createIndex('versions_by_revision')
        .on('versions')
        .columns(['state_machine_arn', 'revision_seq'])
        .execute();

      // A foreign key: an alias put for a machine that no longer exists fails rather than
      // lingering where no deletion would ever find it.
      await db.schema
        .createTable('aliases')
        .addColumn('ord', id.type, id.modify)
        .addColumn('arn', 'text', (c) => c.notNull().unique())
        .addColumn('state_machine_arn', 'text', (c) => c.notNull().references('state_machines.arn').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('routing_configuration', 'text', (c) => c.notNull())
        .addColumn('creation_date', 'bigint', (c) => c.notNull())
        .addColumn('update_date', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('aliases_by_machine').on('aliases').columns(['state_machine_arn', 'ord']).execute();

      // No foreign key: activities are taggable too, and they are not machines.
      await db.schema
        .createTable('tags')
        .addColumn('ord', id.type, id.modify)
        .addColumn('resource_arn', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addUniqueConstraint('tags_key', ['resource_arn', 'key'])
        .execute();

      await db.schema
        .createTable('machine_snapshots')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('state_machine_arn', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('revision_id', 'text')
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('role_arn', 'text', (c) => c.notNull())
        .addColumn('logging_configuration', 'text', (c) => c.notNull())
        .addColumn('tracing_configuration', 'text', (c) => c.notNull())
        .addColumn('encryption_configuration', 'text')
        .addColumn('update_date', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('executions')
        .addColumn('id', id.type, id.modify)
        .addColumn('arn', 'text', (c) => c.notNull().unique())
        .addColumn('state_machine_arn', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('start_date', 'bigint', (c) => c.notNull())
        .addColumn('stop_date', 'bigint')
        .addColumn('input', 'text', (c) => c.notNull())
        .addColumn('output', 'text')
        .addColumn('error', 'text')
        .addColumn('cause', 'text')
        .addColumn('trace_header', 'text')
        .addColumn('version_arn', 'text')
        .addColumn('alias_arn', 'text')
        .addColumn('snapshot_key', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('executions_by_machine')
        .on('executions')
        .columns(['state_machine_arn', 'start_date', 'id'])
        .execute();
      // Partial indexes stay small: few executions run at once, and only finished ones are
      // pruned. Queries must compare status with a literal for SQLite to use them.
      await db.schema
        .createIndex('executions_running')
        .on('executions')
        .column('id')
        .where(sql.ref('status'), '=', sql.lit('RUNNING'))
        .execute();
      await db.schema
        .createIndex('executions_finished')
        .on('executions')
        .columns(['stop_date', 'id'])
        .where(sql.ref('status'), '<>', sql.lit('RUNNING'))
        .execute();

      await db.schema
        .createTable('history_events')
        .addColumn('execution_id', 'bigint', (c) => c.notNull().references('executions.id').onDelete('cascade'))
        .addColumn('event_id', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('history_events_pk', ['execution_id', 'event_id'])
        .execute();
    },
  },
  {
    // A row per event cost a row, an index entry and a JSON string per event: most of what
    // recording a synchronous execution cost. See history-chunks.ts for the layout.
    version: 2,
    name: 'history in chunks',
    async up(db, kind) {
      await db.schema
        .createTable('history_chunks')
        .addColumn('execution_id', 'bigint', (c) => c.notNull().references('executions.id').onDelete('cascade'))
        .addColumn('first_event_id', 'integer', (c) => c.notNull())
        .addColumn('last_event_id', 'integer', (c) => c.notNull())
        .addColumn('events', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('history_chunks_pk', ['execution_id', 'first_event_id'])
        .execute();
      // Existing events become chunks of up to 128 consecutive ids (maxChunkEvents, as a
      // literal: this migration must keep doing what it did if that constant changes). Event
      // bodies are JSON texts, so joining them in brackets makes the JSON array.
      const joined =
        kind === 'sqlite'
          ? sql`group_concat(body, ',' order by event_id)`
          : sql`string_agg(body, ',' order by event_id)`;
      await sql`
        insert into history_chunks (execution_id, first_event_id, last_event_id, events)
        select execution_id, min(event_id), max(event_id), '[' || ${joined} || ']'
        from history_events
        group by execution_id, (event_id - 1) / 128
      `.execute(db);
      await db.schema.dropTable('history_events').execute();
    },
  },
  {
    // Activities outlive a restart like machines do (the tasks waiting on them do not).
    version: 3,
    name: 'activities',
    async up(db, kind) {
      await db.schema
        .createTable('activities')
        .addColumn('arn', sortableText(kind), (c) => c.primaryKey())
        .addColumn('name', sortableText(kind), (c) => c.notNull())
        .addColumn('creation_date', 'bigint', (c) => c.notNull())
        .addColumn('encryption_configuration', 'text')
        .execute();
      await db.schema.createIndex('activities_by_name').on('activities').columns(['name', 'arn']).execute();
    },
  },
];
