/**
 * Reading typed cells out of an import record. Each reader returns `undefined` when the column
 * is absent from the file (keep the stored value), `null` when the cell is empty (the column's
 * default), or the parsed value; a bad value throws a {@linkcode RowError} naming the column.
 */
import { parseCourseKey } from "../domain/course_key.ts";
import { parseDateTime } from "../domain/dates.ts";
import type { Millis } from "../domain/types.ts";

/** One input record: column name → cell text (absent columns have no key), and its line. */
export interface ImportRecord {
  /** The physical line where the record starts (the header is line 1). */
  line: number;
  values: Readonly<Record<string, string>>;
}

/** A bad cell (or, with a null column, a bad record): reported as one bad row. */
export class RowError extends Error {
  override name = "RowError";
  /** The column at fault, or null when the record as a whole is bad. */
  readonly column: string | null;
  /** A bad row error for `column` (null: the whole record) with a reason such as "is empty". */
  constructor(column: string | null, reason: string) {
    super(reason);
    this.column = column;
  }
}

/** A cell value: undefined = column absent, null = empty cell. */
export type Given<T> = T | null | undefined;

/** The largest id accepted (2^53 − 1, the largest exact integer of a JS number). */
export const MAX_ID = Number.MAX_SAFE_INTEGER;

/** The raw text of a cell, trimmed; undefined when the column is absent, null when empty. */
export function textCell(record: ImportRecord, column: string): Given<string> {
  const text = rawCell(record, column)?.trim();
  if (text === undefined) return undefined;
  return text === "" ? null : text;
}

/** Free text kept exactly as written (names, highlights); empty → null. */
export function verbatimCell(
  record: ImportRecord,
  column: string,
): Given<string> {
  const text = rawCell(record, column);
  if (text === undefined) return undefined;
  return text.trim() === "" ? null : text;
}

/**
 * A cell as written; undefined when the column is absent. A NUL character is a bad cell: the
 * reader refuses raw NUL bytes, but `mysql --batch` writes one as `\0`, and a stored NUL could
 * not be exported as CSV text that imports back.
 */
function rawCell(record: ImportRecord, column: string): string | undefined {
  if (!Object.hasOwn(record.values, column)) return undefined;
  const text = record.values[column]!;
  if (text.includes("\0")) {
    throw new RowError(column, "holds a NUL character (\\0)");
  }
  return text;
}

/** A required cell's text: absent or empty is a bad row. */
export function requiredText(record: ImportRecord, column: string): string {
  const text = textCell(record, column);
  if (text === undefined) throw new RowError(column, "is missing");
  if (text === null) throw new RowError(column, "is empty");
  return text;
}

/** Parses an id: a positive integer up to 2^53 − 1, digits only. */
export function parseId(text: string): number {
  if (!/^\+?\d+$/.test(text)) {
    throw new RangeError(`"${text}" is not a positive integer`);
  }
  const value = Number(text);
  if (value === 0) throw new RangeError(`"${text}" is not a positive integer`);
  if (value > MAX_ID) {
    throw new RangeError(`"${text}" is larger than 2^53-1`);
  }
  return value;
}

/** A required id cell. */
export function requiredId(record: ImportRecord, column: string): number {
  return parseCell(column, requiredText(record, column), parseId);
}

/** A required course key cell. */
export function requiredCourseId(record: ImportRecord, column: string): string {
  const text = requiredText(record, column);
  parseCell(column, text, parseCourseKey);
  return text;
}

/** A required datetime cell (ISO 8601; no offset = UTC). */
export function requiredDate(record: ImportRecord, column: string): Millis {
  return parseCell(column, requiredText(record, column), parseDateTime);
}

/** An optional datetime cell. */
export function dateCell(record: ImportRecord, column: string): Given<Millis> {
  return optional(record, column, parseDateTime);
}

const TRUE = new Set(["true", "1", "yes", "t"]);
const FALSE = new Set(["false", "0", "no", "f"]);

/** Parses a boolean: true/false, 1/0, yes/no, t/f, in any case. */
export function parseBool(text: string): boolean {
  const lower = text.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  throw new RangeError(
    `"${text}" is not a boolean (true/false, 1/0, yes/no, t/f)`,
  );
}

/** An optional boolean cell. */
export function boolCell(record: ImportRecord, column: string): Given<boolean> {
  return optional(record, column, parseBool);
}

/** Parses an integer ≥ `min`. */
export function parseInteger(text: string, min: number): number {
  if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new RangeError(`"${text}" is not an integer`);
  }
  const value = Number(text);
  if (value < min) throw new RangeError(`"${text}" is less than ${min}`);
  return value;
}

/** An optional integer cell with a lower bound. */
export function intCell(
  record: ImportRecord,
  column: string,
  min: number,
): Given<number> {
  return optional(record, column, (text) => parseInteger(text, min));
}

/** An optional non-negative decimal number cell (prices). */
export function decimalCell(
  record: ImportRecord,
  column: string,
): Given<number> {
  return optional(record, column, (text) => {
    const value = Number(text);
    if (!/^\+?\d*\.?\d+(?:[eE][+-]?\d+)?$/.test(text) || !isFinite(value)) {
      throw new RangeError(`"${text}" is not a non-negative number`);
    }
    return value;
  });
}

/** Parses an email address: anything with an `@` that is neither first nor last, no spaces. */
export function parseEmail(text: string): string {
  if (!/^[^\s@]+@[^\s@]+$/.test(text)) {
    throw new RangeError(`"${text}" is not an email address`);
  }
  return text;
}

/** A required email cell. */
export function emailCell(record: ImportRecord, column: string): string {
  return parseCell(column, requiredText(record, column), parseEmail);
}

/**
 * The value to store: the cell when given, the default for an empty cell, the stored value (on
 * update) or the default (on insert) for an absent column.
 */
export function choose<T>(
  given: Given<T>,
  stored: T | undefined,
  fallback: T,
): T {
  if (given === undefined) return stored === undefined ? fallback : stored;
  return given === null ? fallback : given;
}

function optional<T>(
  record: ImportRecord,
  column: string,
  parse: (text: string) => T,
): Given<T> {
  const text = textCell(record, column);
  if (text === undefined || text === null) return text;
  return parseCell(column, text, parse);
}

function parseCell<T>(
  column: string,
  text: string,
  parse: (text: string) => T,
): T {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw new RowError(column, error.message);
    throw error;
  }
}

/** A stored 0/1 as a boolean (undefined stays undefined: nothing stored). */
export function toBool(value: number | undefined): boolean | undefined {
  return value === undefined ? undefined : value === 1;
}

/** Whether two rows of the same shape hold the same values. */
export function sameRow<T extends object>(a: T, b: T): boolean {
  for (const key of Object.keys(b) as (keyof T)[]) {
    if (a[key] !== b[key]) return false;
  }
  return true;
}
