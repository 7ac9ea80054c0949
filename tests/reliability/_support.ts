/**
 * Helpers of the reliability tests: whole-database dumps (to prove "nothing changed"), every
 * export of a store, the export → import → export round trip, temp folders, and the shape of
 * the CLI's error output.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { exportLines } from "../../src/export/mod.ts";
import type { Store } from "../../src/store/db.ts";
import { importText, memoryDb } from "../import/_support.ts";
import type { CliResult } from "../_support/cli.ts";

/** The data kinds in the order a full load imports them. */
export const DATA_KINDS = [
  "users",
  "courses",
  "modes",
  "highlights",
  "enrollments",
  "schedules",
  "optouts",
] as const;

type Row = Record<string, unknown>;

function rows(db: DatabaseSync, sql: string): Row[] {
  return db.prepare(sql).all().map((row) => ({ ...row }));
}

/**
 * Every table's rows (sqlite_sequence included, in rowid order), the schema text and the
 * schema version, as one string: equal dumps mean an unchanged database.
 */
export function dumpStore(db: DatabaseSync): string {
  const tables = rows(
    db,
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name",
  );
  const version = rows(db, "PRAGMA user_version");
  const content = tables.map(({ name, sql }) => {
    // WITHOUT ROWID tables have no rowid to order by; their primary key orders them.
    const order = /WITHOUT ROWID\s*$/i.test(String(sql))
      ? ""
      : " ORDER BY rowid";
    return [name, rows(db, `SELECT * FROM "${String(name)}"${order}`)];
  });
  const schema = rows(
    db,
    "SELECT type, name, sql FROM sqlite_master ORDER BY type, name",
  );
  return JSON.stringify({ version, schema, content });
}

/** {@linkcode dumpStore} of a database file, opened read-only from this process. */
export function dumpFile(path: string): string {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return dumpStore(db);
  } finally {
    db.close();
  }
}

/** The text of one export (lines joined, final newline). */
export function exported(
  db: Store,
  kind: string,
  format: "csv" | "json" = kind === "config" ? "json" : "csv",
): string {
  return [...exportLines(db, kind, format)].join("\n") + "\n";
}

/** Every export: config as JSON, each data kind as CSV. */
export function exportAll(db: Store): Record<string, string> {
  const out: Record<string, string> = { config: exported(db, "config") };
  for (const kind of DATA_KINDS) out[kind] = exported(db, kind);
  return out;
}

/** Loads every export of `source` into a fresh in-memory store, in dependency order. */
export async function rebuild(source: Store, now: number): Promise<Store> {
  const db = memoryDb();
  try {
    await importText(db, "config", exported(source, "config"), { now });
    for (const kind of DATA_KINDS) {
      await importText(db, kind, exported(source, kind), { now });
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Asserts export → import into a fresh store → export gives the same text for every kind. */
export async function assertRoundTrip(source: Store, now: number) {
  const before = exportAll(source);
  using copy = await rebuild(source, now);
  deepEqual(exportAll(copy), before);
}

/** A temp folder removed on dispose. */
export async function tempDir(
  prefix: string,
): Promise<AsyncDisposable & { path: string }> {
  const path = await Deno.makeTempDir({ prefix });
  return {
    path,
    [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }),
  };
}

/**
 * Asserts the CLI's error shape (contract.md "Errors"): exit 2, nothing on stdout, one
 * `error:` line containing each of `mentions`, then at most 50 indented detail lines plus a
 * count of the rest, and no stack trace.
 */
export function assertInputError(result: CliResult, mentions: string[]): void {
  equal(result.code, 2, `exit code; stderr: ${result.stderr}`);
  equal(result.stdout, "", "nothing on stdout");
  const lines = result.stderr.replace(/\n$/, "").split("\n");
  ok(lines[0]!.startsWith("error: "), `first line is the error: ${lines[0]}`);
  for (const text of mentions) {
    ok(lines[0]!.includes(text), `"${lines[0]}" mentions ${text}`);
  }
  const details = lines.slice(1);
  ok(details.length <= 51, `${details.length} detail lines`);
  for (const line of details) {
    ok(/^ {2}\S/.test(line), `indented detail line: ${JSON.stringify(line)}`);
  }
  if (details.length === 51) ok(/more bad rows?$/.test(details[50]!));
  ok(!result.stderr.includes("    at "), "no stack trace");
  ok(!/error:.*error:/s.test(result.stderr), "exactly one error: line");
}
