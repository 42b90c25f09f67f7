/**
 * Statements built and compiled once, run many times with fresh arguments.
 *
 * Building a Kysely query and compiling it to SQL costs more than SQLite takes to run a
 * small insert, and the execution write path runs the same few statements thousands of
 * times a second. A template is written with the ordinary query builder (one query layer),
 * with `slot(i)` where the i-th argument goes; it is compiled once, and `bind` pairs the
 * compiled SQL with new arguments without building anything. Kysely still executes it
 * (`executeQuery`), through the same connection, transaction and statement cache as every
 * other query.
 */
import { CompiledQuery, sql, type Compilable, type Kysely, type RawBuilder } from 'kysely';
import type { Tables } from './tables.js';

/**
 * The i-th argument. Typed `never` so that it fits any column; a slot compiles to one
 * ordinary parameter, so the compiled SQL is exactly what the builder would produce.
 */
export type Slot = (index: number) => RawBuilder<never>;

export interface StatementTemplate<R> {
  readonly sql: string;
  /** The compiled statement with these arguments, `args[i]` standing where `slot(i)` was. */
  bind(args: readonly unknown[]): CompiledQuery<R>;
}

/** A parameter value nothing else produces, so that compiled parameters map back to slots. */
const markerPrefix = '\u0000flowgate-slot:';

export function compileTemplate<R>(build: (slot: Slot) => Compilable<R>): StatementTemplate<R> {
  const compiled = build((index) => sql<never>`${markerPrefix + String(index)}`).compile();
  // Where each parameter of the compiled SQL takes its value from. A parameter that is no
  // marker would be a value the builder inlined and every run would repeat: a mistake in
  // the template, caught when it is compiled rather than by wrong rows.
  const positions = compiled.parameters.map((parameter) => {
    if (typeof parameter !== 'string' || !parameter.startsWith(markerPrefix)) {
      throw new Error(`Statement template has a fixed parameter: ${compiled.sql}`);
    }
    return Number(parameter.slice(markerPrefix.length));
  });
  return {
    sql: compiled.sql,
    bind: (args) =>
      CompiledQuery.raw(
        compiled.sql,
        positions.map((position) => args[position]),
      ) as CompiledQuery<R>,
  };
}

/**
 * A template compiled the first time it runs against a database handle, then reused for it:
 * for reads, which run on the store's own handle. (Writes run on a new handle per
 * transaction; their templates are compiled when the store opens, in hot-statements.ts.)
 */
export function templateFor<R>(
  build: (db: Kysely<Tables>, slot: Slot) => Compilable<R>,
): (db: Kysely<Tables>) => StatementTemplate<R> {
  const compiled = new WeakMap<Kysely<Tables>, StatementTemplate<R>>();
  return (db) => {
    let template = compiled.get(db);
    if (template === undefined) {
      template = compileTemplate((slot) => build(db, slot));
      compiled.set(db, template);
    }
    return template;
  };
}
