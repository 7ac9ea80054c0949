/**
 * The import kinds: a table from kind name to importer, and the entry points other modules use
 * (the CLI streams files; the OLX importer feeds already-split course and highlight records).
 */
import type { Store } from "../store/db.ts";
import { importConfigStream } from "./config.ts";
import { coursesImporter } from "./courses.ts";
import { enrollmentsImporter } from "./enrollments.ts";
import type { ImportRecord } from "./fields.ts";
import { highlightsImporter } from "./highlights.ts";
import { modesImporter } from "./modes.ts";
import { optoutsImporter } from "./optouts.ts";
import { importCsvStream, importRecords } from "./run.ts";
import { schedulesImporter } from "./schedules.ts";
import type { ImportOptions, ImportResult, KindImporter } from "./session.ts";
import { usersImporter } from "./users.ts";

export type { ImportRecord } from "./fields.ts";
export type {
  ImportCounts,
  ImportOptions,
  ImportResult,
  KindImporter,
} from "./session.ts";
export { importConfigValue } from "./config.ts";
export { importCsvStream, importRecords } from "./run.ts";

/** The CSV kinds, in the order a full load runs them. */
export const CSV_IMPORTERS: Readonly<Record<string, KindImporter>> = {
  users: usersImporter,
  courses: coursesImporter,
  modes: modesImporter,
  highlights: highlightsImporter,
  enrollments: enrollmentsImporter,
  schedules: schedulesImporter,
  optouts: optoutsImporter,
};

/** Imports one stream of a kind. */
export type StreamImporter = (
  db: Store,
  stream: ReadableStream<Uint8Array>,
  options: ImportOptions,
) => Promise<ImportResult>;

/** Every kind read from one file or stdin: config (JSON) and the CSV kinds. */
export const STREAM_IMPORTERS: Readonly<Record<string, StreamImporter>> = {
  config: importConfigStream,
  ...Object.fromEntries(
    Object.entries(CSV_IMPORTERS).map(([kind, importer]) => [
      kind,
      (db: Store, stream: ReadableStream<Uint8Array>, options: ImportOptions) =>
        importCsvStream(db, importer, stream, options),
    ]),
  ),
};

/**
 * Imports course records (columns as in `courses.csv`) in one transaction, or inside the
 * caller's. Absent columns keep their stored values (OLX carries no `weeks_to_complete`).
 */
export function importCourseRecords(
  db: Store,
  records: Iterable<ImportRecord>,
  options: ImportOptions,
): ImportResult {
  return importRecords(db, coursesImporter, records, options);
}

/**
 * Imports highlight records (columns as in `highlights.csv`): each course's records replace
 * its whole outline.
 */
export function importHighlightRecords(
  db: Store,
  records: Iterable<ImportRecord>,
  options: ImportOptions,
): ImportResult {
  return importRecords(db, highlightsImporter, records, options);
}
