/**
 * The shared suite against a real PostgreSQL server: FLOWGATE_TEST_POSTGRES (default: the
 * local server, database `test`). Every test gets a schema of its own, named after this
 * run, and the run drops all of them at the end, so concurrent runs never meet.
 *
 * An unreachable server fails the run; FLOWGATE_SKIP_POSTGRES=1 skips it instead.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from './index.js';
import { openPostgres } from './postgres-connection.js';
import { storeSuite } from './store.suite.js';
import { machine, machineArn } from './store-suite/fixtures.js';
import { migrationCases } from './store-suite/migration.suite.js';

const url = process.env['FLOWGATE_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const skip = process.env['FLOWGATE_SKIP_POSTGRES'] === '1';
const run = `flowgate_test_${randomBytes(6).toString('hex')}`;
let serial = 0;
let reachable = false;

function freshSchema(): string {
  serial += 1;
  return `${run}_${serial}`;
}

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe.skipIf(skip)('PostgreSQL', () => {
  beforeAll(async () => {
    try {
      await withClient((client) => client.query('select 1'));
      reachable = true;
    } catch (error) {
      throw new Error(`PostgreSQL is not reachable at ${url} (set FLOWGATE_SKIP_POSTGRES=1 to skip): ${String(error)}`);
    }
  });

  afterAll(async () => {
    if (!reachable) return;
    await withClient(async (client) => {
      const { rows } = await client.query<{ nspname: string }>(
        'select nspname from pg_namespace where starts_with(nspname, $1)',
        [run],
      );
      for (const { nspname } of rows) await client.query(`drop schema "${nspname}" cascade`);
    });
  });

  storeSuite('PostgreSQL store', () => {
    const schema = freshSchema();
    return { persistent: true, open: () => openStore(url, { schema }) };
  });

  migrationCases('PostgreSQL store', () => {
    const schema = freshSchema();
    return { openBackend: () => openPostgres(url, { schema }), open: () => openStore(url, { schema }) };
  });

  describe('PostgreSQL store location and settings', () => {
    it('takes the schema from the URL when no option names one', async () => {
      const schema = freshSchema();
      const store = await openStore(`${url}?schema=${schema}`);
      await store.createStateMachine(machine('orders'));
      await store.close();
      const query = 'select count(*)::int as n from information_schema.tables where table_schema = $1';
      const tables = await withClient(async (client) => (await client.query(query, [schema])).rows);
      // Every table of the schema, flowgate_migrations included.
      expect(tables).toStrictEqual([{ n: 10 }]);
      const reopened = await openStore(url, { schema });
      expect(await reopened.getStateMachine(machineArn('orders'))).toBeDefined();
      await reopened.close();
    });

    it('refuses schema names that are not plain identifiers', async () => {
      await expect(openStore(url, { schema: 'bad"name' })).rejects.toThrow(/schema name/);
    });
  });
});
