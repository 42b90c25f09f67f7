import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { compileTemplate } from './statement-template.js';
import type { Tables } from './tables.js';

const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
afterAll(() => db.destroy());

describe('statement templates', () => {
  it('binds arguments where the slots were, whatever order the SQL takes them in', () => {
    const template = compileTemplate((slot) =>
      db.updateTable('executions').set({ status: slot(1), stop_date: slot(2) }).where('arn', '=', slot(0)),
    );
    expect(template.sql).toBe('update "executions" set "status" = ?, "stop_date" = ? where "arn" = ?');
    expect(template.bind(['arn-1', 'SUCCEEDED', 5]).parameters).toStrictEqual(['SUCCEEDED', 5, 'arn-1']);
  });

  it('refuses a template with a value that would be the same on every run', () => {
    expect(() => compileTemplate((slot) => db.selectFrom('executions').select('id').where('arn', '=', slot(0)).limit(1))).toThrow(
      /fixed parameter/,
    );
    expect(
      compileTemplate((slot) => db.selectFrom('executions').select('id').where('arn', '=', slot(0)).limit(sql.lit(1))).sql,
    ).toMatch(/limit 1$/);
  });
});
