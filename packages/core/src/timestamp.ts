/**
 * ISO-8601 extended offset date-time, as AWS parses Wait timestamps (Java's
 * ISO_OFFSET_DATE_TIME): `2016-08-18T17:33:00Z`, optional seconds and fraction, `Z` or a
 * `±HH:MM[:SS]` offset. Returns epoch milliseconds, or undefined when the text is not such a time.
 */
const OFFSET_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}(?::\d{2})?)$/;

export function parseOffsetDateTime(text: string): number | undefined {
  const match = OFFSET_DATE_TIME.exec(text);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, offset] = match as unknown as string[];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // The offset's seconds (`+01:00:30`) count too, and Java allows at most ±18:00 in all
  // (the seconds used to be ignored and `+18:59` accepted).
  let offsetSeconds = 0;
  if (offset !== undefined && offset !== 'Z') {
    const sign = offset.startsWith('-') ? -1 : 1;
    const oh = Number(offset.slice(1, 3));
    const om = Number(offset.slice(4, 6));
    const os = offset.length > 6 ? Number(offset.slice(7, 9)) : 0;
    if (om > 59 || os > 59) return undefined;
    offsetSeconds = oh * 3600 + om * 60 + os;
    if (offsetSeconds > 18 * 3600) return undefined;
    offsetSeconds *= sign;
  }
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  // Not Date.UTC: it reads years 0–99 as 1900–1999.
  const time = new Date(0);
  time.setUTCFullYear(year, month - 1, day);
  time.setUTCHours(hour, minute, second, millis);
  return time.getTime() - offsetSeconds * 1000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
