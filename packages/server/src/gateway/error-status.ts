/**
 * The HTTP status of a failed execution, chosen by its error name. A route's table is asked
 * first, then the project's (`responseDefaults.errors`), then the built-ins: `States.Timeout`
 * → 504, anything else → 500. Within one table an exact name wins over a pattern; a pattern
 * is a prefix ending in `*` (`Validation.*`, `Payment*`; `*` alone matches every name), and the
 * longest matching prefix wins.
 */

export type StatusTable = (error: string) => number | undefined;

export const BUILT_IN_STATUS: Readonly<Record<string, number>> = { 'States.Timeout': 504 };

/** Compiles one table; reports entries that are not HTTP error statuses or valid patterns. */
export function compileStatusTable(entries: Readonly<Record<string, number>> | undefined, where: string, problems: string[]): StatusTable {
  const exact = new Map<string, number>();
  const prefixes: { prefix: string; status: number }[] = [];
  for (const [key, status] of Object.entries(entries ?? {})) {
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      problems.push(`${where}: the status for '${key}' must be an HTTP status code (200–599), not ${String(status)}`);
      continue;
    }
    const star = key.indexOf('*');
    if (star < 0) exact.set(key, status);
    else if (star === key.length - 1) prefixes.push({ prefix: key.slice(0, -1), status });
    else problems.push(`${where}: '${key}' may only end with '*'`);
  }
  prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
  return (error) => exact.get(error) ?? prefixes.find((entry) => error.startsWith(entry.prefix))?.status;
}

export function statusForError(error: string | undefined, tables: readonly StatusTable[]): number {
  if (error === undefined) return 500;
  for (const table of tables) {
    const status = table(error);
    if (status !== undefined) return status;
  }
  return BUILT_IN_STATUS[error] ?? 500;
}
