/**
 * What every import kind shares: the options, the counts, warnings, duplicate-key detection and
 * the list of bad rows that turns into one DataError (at most 50 rows listed, then a count).
 */
import type { StatementSync } from "node:sqlite";
import type { Millis } from "../domain/types.ts";
import { DataError } from "../errors.ts";
import type { Store } from "../store/db.ts";
import { type ImportRecord, RowError } from "./fields.ts";

/** Options of one import. */
export interface ImportOptions {
  /** The file name as given (error messages and the summary). */
  file: string;
  /** The import clock (`--now`, else the real time). */
  now: Millis;
  /** Validate and count, then roll back. */
  dryRun?: boolean;
}

/** What an import changed (or, in a dry run, would change). */
export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Schedules created for new enrollments or by a schedules import. */
  schedules_created: number;
  /** Schedules rewritten (course start change, mode change reset, schedules import). */
  schedules_updated: number;
  /** Users created by an enrollments import. */
  users_created: number;
}

/** The summary of one import. */
export interface ImportResult extends ImportCounts {
  kind: string;
  file: string;
  dry_run: boolean;
  warnings: string[];
}

/** Handles the records of one file, in order; `finish` runs after the last one. */
export interface RowHandler {
  /** Validates and applies one record; throws a RowError for a bad one. */
  row(record: ImportRecord): void;
  /** Work left after the last record (e.g. replacing whole outlines). */
  finish(): void;
}

/** One CSV import kind: its columns and its record handler. */
export interface KindImporter {
  kind: string;
  /** Columns that must be in the header. */
  required: readonly string[];
  /** Columns that may be. */
  optional: readonly string[];
  /** Prepares the statements of one import. */
  begin(db: Store, session: ImportSession): RowHandler;
  /**
   * Whether the handler checks every reference it writes itself, so a streamed import may run
   * with SQLite's foreign key enforcement off (each enforced key costs a lookup per row).
   */
  checksReferences?: boolean;
}

/** Bad rows listed in an error before the rest are only counted. */
export const MAX_LISTED_ROWS = 50;

/** The state of one import: counts, warnings, bad rows. */
export class ImportSession {
  readonly options: ImportOptions;
  readonly kind: string;
  readonly counts: ImportCounts = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    schedules_created: 0,
    schedules_updated: 0,
    users_created: 0,
  };
  readonly warnings: string[] = [];
  readonly #bad: { line: number; column: string | null; reason: string }[] = [];
  #badCount = 0;
  readonly #db: Store;
  #seenInsert: StatementSync | null = null;
  #seenLine: StatementSync | null = null;

  /** A session of `kind` on `db`. */
  constructor(db: Store, kind: string, options: ImportOptions) {
    this.#db = db;
    this.kind = kind;
    this.options = options;
  }

  /** The import clock. */
  get now(): Millis {
    return this.options.now;
  }

  /** Runs the handler on one record, recording a RowError as a bad row. */
  process(handler: RowHandler, record: ImportRecord): void {
    try {
      handler.row(record);
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      this.bad(record.line, error.column, error.message);
    }
  }

  /**
   * Records a bad row. The rows listed are the {@linkcode MAX_LISTED_ROWS} first by line: rows
   * mostly arrive in line order, but a first load finds duplicate pairs only once the file is
   * in, after later rows were recorded.
   */
  bad(line: number, column: string | null, reason: string): void {
    this.#badCount++;
    const bad = this.#bad;
    if (bad.length === MAX_LISTED_ROWS && line >= bad[bad.length - 1]!.line) {
      return;
    }
    let at = bad.length;
    while (at > 0 && bad[at - 1]!.line > line) at--;
    bad.splice(at, 0, { line, column, reason });
    if (bad.length > MAX_LISTED_ROWS) bad.pop();
  }

  /** Whether any bad row was recorded. */
  get failed(): boolean {
    return this.#badCount > 0;
  }

  /** The number of bad rows recorded so far. */
  get badRows(): number {
    return this.#badCount;
  }

  /** Adds a warning (printed on stderr; the import still succeeds). */
  warn(text: string): void {
    this.warnings.push(text);
  }

  /**
   * Remembers `key` for this import; returns the line where it was first seen when it is a
   * duplicate, else null. Keys live in a temporary table, so a million rows cost no JS memory.
   */
  firstSeen(key: string, line: number): number | null {
    if (this.#seenInsert === null) this.#prepareSeen();
    const inserted = this.#seenInsert!.run(key, line);
    if (inserted.changes > 0) return null;
    const row = this.#seenLine!.get(key) as { line: number };
    return row.line;
  }

  /** Throws a RowError naming the first line when `key` was already seen. */
  requireUnique(key: string, line: number, what: string): void {
    const first = this.firstSeen(key, line);
    if (first !== null) {
      throw new RowError(null, `duplicate ${what} (first on line ${first})`);
    }
  }

  /** Throws the DataError listing the bad rows, if any. */
  throwIfBad(): void {
    if (this.#badCount === 0) return;
    const details = this.#bad.map(({ line, column, reason }) =>
      column === null
        ? `line ${line}: ${reason}`
        : `line ${line}, column "${column}": ${reason}`
    );
    const rest = this.#badCount - this.#bad.length;
    if (rest > 0) {
      details.push(`… and ${rest} more bad row${rest === 1 ? "" : "s"}`);
    }
    throw new DataError(this.#message(), details);
  }

  /** The summary of this import. */
  result(): ImportResult {
    return {
      kind: this.kind,
      file: this.options.file,
      dry_run: this.options.dryRun ?? false,
      ...this.counts,
      warnings: [...this.warnings],
    };
  }

  #message(): string {
    const file = this.options.file;
    const first = this.#bad[0]!;
    if (this.#badCount > 1) {
      return `Cannot import "${file}": ${this.#badCount} bad rows, nothing imported`;
    }
    const where = first.column === null
      ? first.reason
      : first.reason.startsWith("is ")
      ? `column "${first.column}" ${first.reason}`
      : `column "${first.column}": ${first.reason}`;
    return `Cannot import line ${first.line} of "${file}": ${where}`;
  }

  #prepareSeen(): void {
    this.#db.exec(
      "CREATE TEMP TABLE IF NOT EXISTS import_seen (k TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID",
    );
    this.#db.exec("DELETE FROM temp.import_seen");
    this.#seenInsert = this.#db.prepare(
      "INSERT INTO temp.import_seen (k, line) VALUES (?, ?) ON CONFLICT (k) DO NOTHING",
    );
    this.#seenLine = this.#db.prepare(
      "SELECT line FROM temp.import_seen WHERE k = ?",
    );
  }
}
