/**
 * Shared helpers of the import and export tests: a fresh in-memory store, streams from text,
 * one-call imports and small queries.
 */
import { parseDateTime } from "../../src/domain/dates.ts";
import { STREAM_IMPORTERS } from "../../src/import/mod.ts";
import type { ImportResult } from "../../src/import/session.ts";
import { openStore, type Store } from "../../src/store/db.ts";

/** The import clock of the tests. */
export const NOW = parseDateTime("2026-03-01T00:00:00Z");

/** A fresh, migrated in-memory database. */
export function memoryDb(): Store {
  return openStore(":memory:");
}

/** A byte stream of `input`, cut into chunks of `chunkSize` bytes. */
export function streamOf(
  input: string | Uint8Array,
  chunkSize = 65536,
): ReadableStream<Uint8Array> {
  const bytes = typeof input === "string"
    ? new TextEncoder().encode(input)
    : input;
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

/** Options of {@linkcode importText}. */
export interface ImportTextOptions {
  file?: string;
  now?: number;
  dryRun?: boolean;
  chunkSize?: number;
}

/** Imports `text` as `kind` (a CSV kind or config). */
export function importText(
  db: Store,
  kind: string,
  text: string | Uint8Array,
  options: ImportTextOptions = {},
): Promise<ImportResult> {
  const importer = STREAM_IMPORTERS[kind];
  if (!importer) throw new Error(`no importer ${kind}`);
  return importer(db, streamOf(text, options.chunkSize), {
    file: options.file ?? `${kind}.csv`,
    now: options.now ?? NOW,
    dryRun: options.dryRun ?? false,
  });
}

/** Every row of a query, as plain objects. */
export function query(
  db: Store,
  sql: string,
  ...params: (string | number | null)[]
): Record<string, unknown>[] {
  return db.prepare(sql).all(...params).map((row) => ({ ...row }));
}

/** A whole-database snapshot (every table's rows), to show that nothing changed. */
export function snapshot(db: Store): string {
  const tables = query(
    db,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  ).map((row) => String(row.name));
  return JSON.stringify(
    tables.map((name) => [name, query(db, `SELECT * FROM "${name}"`)]),
  );
}

/** The ISO text of a stored millisecond value. */
export function iso(value: unknown): string | null {
  return value === null ? null : new Date(Number(value)).toISOString();
}

/** Courses, users and modes most tests start from. */
export async function seedBasics(db: Store): Promise<void> {
  await importText(
    db,
    "users",
    "id,username,email\n1,alice,alice@example.com\n2,bob,bob@example.com\n",
  );
  await importText(
    db,
    "courses",
    [
      "id,start,end,self_paced,highlights_enabled",
      "course-v1:ExampleX+SP101+2026,2026-02-01,2026-12-31,true,false",
      "course-v1:ExampleX+IP101+2026,2026-04-01,2026-12-31,false,false",
      "",
    ].join("\n"),
  );
}
