/**
 * Running an import kind over records: from a CSV stream (one transaction for the whole file,
 * rows read as they arrive) or from records already split (the OLX importer feeds courses and
 * highlights this way). A file with any bad row imports nothing.
 */
import { DataError } from "../errors.ts";
import { asyncTransaction } from "../store/async_transaction.ts";
import { pageCache, type Store, transaction } from "../store/db.ts";
import { type CsvRow, openCsv } from "./csv.ts";
import type { ImportRecord } from "./fields.ts";
import {
  type ImportOptions,
  type ImportResult,
  ImportSession,
  type KindImporter,
} from "./session.ts";

/** How the header maps to the kind's columns. */
export interface HeaderPlan {
  /** Per header position: the column name to keep, or null to ignore the cell. */
  keep: (string | null)[];
  /** Header names the kind does not know. */
  unknown: string[];
}

/**
 * Checks a header against a kind: duplicate names and missing required columns are a
 * DataError; unknown columns are returned (for one warning).
 */
export function planHeader(
  importer: KindImporter,
  header: readonly string[],
  file: string,
): HeaderPlan {
  const known = new Set([...importer.required, ...importer.optional]);
  const seen = new Set<string>();
  const keep: (string | null)[] = [];
  const unknown: string[] = [];
  for (const name of header) {
    if (seen.has(name)) {
      throw new DataError(
        `Cannot import "${file}": column "${name}" appears twice in the header`,
      );
    }
    seen.add(name);
    keep.push(known.has(name) ? name : null);
    if (!known.has(name)) unknown.push(name);
  }
  const missing = importer.required.filter((name) => !seen.has(name));
  if (missing.length > 0) {
    const names = missing.map((name) => `"${name}"`).join(", ");
    throw new DataError(
      `Cannot import "${file}": required column${
        missing.length > 1 ? "s" : ""
      } ${names} missing from the header`,
    );
  }
  return { keep, unknown };
}

/** The warning for unknown columns. */
export function unknownColumnsWarning(
  file: string,
  unknown: readonly string[],
): string {
  const names = unknown.map((name) => `"${name}"`).join(", ");
  return `"${file}": ignoring unknown column${
    unknown.length > 1 ? "s" : ""
  } ${names}`;
}

/** Turns a CSV row into a record of the kept columns; a wrong field count is a bad row. */
export function rowToRecord(
  plan: HeaderPlan,
  row: CsvRow,
): ImportRecord | string {
  const { keep } = plan;
  const { cells } = row;
  if (cells.length < keep.length) {
    return `has ${cells.length} field${
      cells.length === 1 ? "" : "s"
    }, the header has ${keep.length}`;
  }
  for (let k = keep.length; k < cells.length; k++) {
    if (cells[k]!.trim() !== "") {
      return `has ${cells.length} fields, the header has ${keep.length}`;
    }
  }
  const values: Record<string, string> = {};
  for (let k = 0; k < keep.length; k++) {
    const name = keep[k];
    if (name !== null && name !== undefined) values[name] = cells[k]!;
  }
  return { line: row.line, values };
}

/**
 * Imports a CSV stream of one kind in one transaction (rolled back on a dry run or a bad row).
 */
export async function importCsvStream(
  db: Store,
  importer: KindImporter,
  stream: ReadableStream<Uint8Array>,
  options: ImportOptions,
): Promise<ImportResult> {
  const csv = await openCsv(stream, { name: options.file });
  let plan: HeaderPlan;
  try {
    plan = planHeader(importer, csv.header, options.file);
  } catch (error) {
    await csv.batches.return();
    throw error;
  }
  using _cache = largerCache(db);
  using _keys = importer.checksReferences ? foreignKeysOff(db) : null;
  return await asyncTransaction(db, options.dryRun ?? false, async () => {
    const session = new ImportSession(db, importer.kind, options);
    if (plan.unknown.length > 0) {
      session.warn(unknownColumnsWarning(options.file, plan.unknown));
    }
    const handler = importer.begin(db, session);
    for await (const rows of csv.batches) {
      for (const row of rows) {
        const record = rowToRecord(plan, row);
        if (typeof record === "string") session.bad(row.line, null, record);
        else session.process(handler, record);
      }
    }
    handler.finish();
    session.throwIfBad();
    return session.result();
  });
}

/** Page cache of a streamed import, in KiB (SQLite's default is 2 MiB). */
const IMPORT_CACHE_KIB = 16 * 1024;

/**
 * Raises the connection's page cache for the length of an import. One import writes several
 * tables and indexes in turn (enrollment, schedule and their indexes); with the default 2 MiB
 * cache their pages evict each other and a million enrollments take about 40% longer (measured).
 */
function largerCache(db: Store): Disposable {
  const stack = new DisposableStack();
  stack.use(pageCache(db, "main", IMPORT_CACHE_KIB));
  // The temp schema holds the "seen in this file" keys: its cache matters as much (measured:
  // a million enrollments took 39 s with the default, 25 s with this).
  stack.use(pageCache(db, "temp", IMPORT_CACHE_KIB));
  return stack;
}

/**
 * Turns foreign key enforcement off for an import whose handler checks its references itself.
 * A first load of enrollments looks up the user of every row: with enforcement on, SQLite does it
 * again in the users table, whose pages the new rows keep pushing out of the page cache (a
 * million enrollments took 9 s more, measured). Inside a caller's transaction the pragma has no
 * effect, and the checks simply run twice.
 */
function foreignKeysOff(db: Store): Disposable {
  const { foreign_keys: before } = db.prepare("PRAGMA foreign_keys").get() as {
    foreign_keys: number;
  };
  db.exec("PRAGMA foreign_keys = OFF");
  return {
    [Symbol.dispose]: () => db.exec(`PRAGMA foreign_keys = ${before}`),
  };
}

/** Thrown to roll back a dry run inside `transaction()`; carries the result out. */
class DryRun {
  constructor(readonly result: ImportResult) {}
}

/**
 * Imports records already split by column name (each with the line it came from), in one
 * transaction; inside a caller's transaction it joins it (and the caller handles a dry run).
 * A bad record throws the DataError listing every bad row.
 */
export function importRecords(
  db: Store,
  importer: KindImporter,
  records: Iterable<ImportRecord>,
  options: ImportOptions,
): ImportResult {
  const nested = db.isTransaction;
  try {
    return transaction(db, () => {
      const session = new ImportSession(db, importer.kind, options);
      const handler = importer.begin(db, session);
      for (const record of records) session.process(handler, record);
      handler.finish();
      session.throwIfBad();
      const result = session.result();
      if (options.dryRun && !nested) throw new DryRun(result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.result;
    throw error;
  }
}
