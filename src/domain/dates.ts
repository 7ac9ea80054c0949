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
  const fast = parseCanonical(text);
  if (fast === fast) return fast; // not NaN
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

const ZERO = 48;

/** The digit at `i` (NaN when it is not a digit). */
function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - ZERO;
  return d >= 0 && d <= 9 ? d : NaN;
}

/**
 * The forms input files nearly always use, read from character codes: `YYYY-MM-DD`, optionally
 * followed by `T` or a space and `HH:MM:SS`, a fraction and `Z`. NaN for anything else or an
 * impossible value, which {@linkcode parseDateTime} then reads (or refuses) the general way: a
 * million rows took about 1 µs each with the regular expression and Date objects.
 */
function parseCanonical(text: string): Millis {
  const length = text.length;
  if (
    length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45
  ) {
    return NaN;
  }
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 +
    digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  let at = 0;
  if (length > 10) {
    const t = text.charCodeAt(10);
    if (
      length < 19 || (t !== 84 && t !== 32) || text.charCodeAt(13) !== 58 ||
      text.charCodeAt(16) !== 58
    ) {
      return NaN;
    }
    const hour = digit(text, 11) * 10 + digit(text, 12);
    const minute = digit(text, 14) * 10 + digit(text, 15);
    const second = digit(text, 17) * 10 + digit(text, 18);
    if (!(hour <= 23 && minute <= 59 && second <= 59)) return NaN;
    let end = text.charCodeAt(length - 1) === 90 ? length - 1 : length; // Z
    let ms = 0;
    if (end > 19) {
      const dot = text.charCodeAt(19);
      if ((dot !== 46 && dot !== 44) || end - 20 < 1 || end - 20 > 9) {
        return NaN;
      }
      // Kept to the millisecond: the first three digits, the others only checked.
      for (let i = 20; i < end; i++) {
        const d = digit(text, i);
        if (i < 23) ms = ms * 10 + d;
        else if (d !== d) return NaN;
      }
      for (let i = end; i < 23; i++) ms *= 10;
      end = 19;
    }
    if (end !== 19) return NaN;
    at = ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  }
  if (!(month >= 1 && month <= 12 && day >= 1)) return NaN;
  if (day > monthLength(year, month)) return NaN;
  return daysFromCivil(year, month, day) * DAY_MS + at;
}

/** The days in a month of the proleptic Gregorian calendar. */
function monthLength(year: number, month: number): number {
  if (month === 2) {
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) +
    day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) -
    Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
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
