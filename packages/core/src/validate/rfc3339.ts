/**
 * The RFC 3339 timestamp check AWS applies to a literal Wait `Timestamp` when the definition is
 * created (`String does not match RFC3339 timestamp` [recorded]).
 *
 * Recorded AWS verdicts: rejected `05-12-2016T21:29:29Z` (day first), `2016-12-05T25:29:29Z`
 * (hour 25), `2016-12-05 21:29:29Z` (no `T`), `{% '2016-03-14T01:59:00Z' %}` (an expression in a
 * JSONPath state is just a string); accepted `2016-03-14T01:59:00Z` and
 * `2016-03-05T21:29:29.243167252Z` (nine fraction digits). The ASL docs add that `T` and `Z`
 * must be uppercase; RFC 3339 itself requires seconds and allows `±HH:MM` offsets. Fractions
 * are capped at nine digits and offsets at ±18:00 as Java's time parser does [unverified].
 * Leap second `:60` is refused, as Java refuses it [unverified].
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|([+-])(\d{2}):(\d{2}))$/;

export function isRfc3339Timestamp(text: string): boolean {
  const match = RFC3339.exec(text);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6]);
  if (month < 1 || month > 12) return false;
  if (day < 1 || day > daysInMonth(year, month)) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (match[7] !== undefined) {
    const offsetHours = Number(match[8]);
    const offsetMinutes = Number(match[9]);
    if (offsetMinutes > 59 || offsetHours > 18 || (offsetHours === 18 && offsetMinutes > 0)) return false;
  }
  return true;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
