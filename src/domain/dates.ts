/**
 * Dates and day windows. "Today" arrives as a `Temporal.PlainDate`; every rule works on UTC days:
 * a day is the half-open window [00:00 UTC, next 00:00 UTC).
 */
import { DAY_MS, type Millis } from "./types.ts";

/** Days already converted: resolvers ask for the same run date for every row. */
const dayStarts = new WeakMap<Temporal.PlainDate, Millis>();

/** 00:00 UTC of a calendar date, in milliseconds. */
export function startOfDay(date: Temporal.PlainDate): Millis {
  let start = dayStarts.get(date);
  if (start === undefined) {
    start = utcTime(date.year, date.month, date.day, 0, 0, 0, 0);
    dayStarts.set(date, start);
  }
  return start;
}

/** The UTC calendar date that contains an instant. */
export function utcDate(at: Millis): Temporal.PlainDate {
  const d = new Date(at);
  return new Temporal.PlainDate(
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
  );
}

/** The half-open window [from, to) of one UTC day. */
export interface DayWindow {
  from: Millis;
  to: Millis;
}

/** The UTC day window of `date`. */
export function dayWindow(date: Temporal.PlainDate): DayWindow {
  const from = startOfDay(date);
  return { from, to: from + DAY_MS };
}

/**
 * Parses `--date`: exactly `YYYY-MM-DD` and a real calendar date, else a `RangeError`.
 * (`Temporal.PlainDate.from` alone also accepts `20260304` and datetimes.)
 */
export function parseRunDate(text: string): Temporal.PlainDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    throw new RangeError(`Invalid date "${text}": expected YYYY-MM-DD`);
  }
  try {
    return Temporal.PlainDate.from(text, { overflow: "reject" });
  } catch {
    throw new RangeError(`Invalid date "${text}": no such day`);
  }
}

const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an ISO 8601 date or datetime as found in input files. A datetime without an offset is
 * UTC; a bare date is 00:00 UTC; fractional seconds are kept to the millisecond. Throws
 * `RangeError` for anything else, including impossible dates such as 2026-02-30.
 */
export function parseDateTime(text: string): Millis {
  const m = DATETIME.exec(text.trim());
  if (!m) throw new RangeError(`"${text}" is not an ISO 8601 date`);
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s);
  if (
    month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 || second > 59
  ) {
    throw new RangeError(`"${text}" is not a valid date`);
  }
  const ms = Number((frac + "000").slice(0, 3));
  let at = utcTime(year, month, day, hour, minute, second, ms);
  if (zone && zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    if (Number(digits.slice(0, 2)) > 23 || Number(digits.slice(2)) > 59) {
      throw new RangeError(`"${text}" has an invalid offset`);
    }
    at -= sign * offset * 60_000;
  }
  return at;
}

/** ISO 8601 UTC with milliseconds and `Z`, as exports write datetimes. */
export function formatDateTime(at: Millis): string {
  return new Date(at).toISOString();
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcTime(year, month + 1, 0, 0, 0, 0, 0)).getUTCDate();
}

/** Date.UTC without its quirk of reading years 0–99 as 1900–1999. */
function utcTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}
