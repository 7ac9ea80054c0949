/**
 * Opening the SQLite store: pragmas, numbered migrations tracked with `PRAGMA user_version`,
 * refusal of databases written by a newer version, and a copy kept before each migration.
 */
import { DatabaseSync, type StatementSync } from "node:sqlite";
import { dirname } from "node:path";
import { DataError, isBusy } from "../errors.ts";
import m001 from "./migrations/001_init.sql" with { type: "text" };
import m002 from "./migrations/002_delivery_attempts.sql" with { type: "text" };
import m003 from "./migrations/003_translations.sql" with { type: "text" };
import m004 from "./migrations/004_named_unique_keys.sql" with { type: "text" };

/** Migrations in order; index + 1 is the `user_version` each one brings the database to. */
export const MIGRATIONS: readonly string[] = [m001, m002, m003, m004];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Options of {@linkcode openStore}. */
export interface OpenOptions {
  /** Keep a copy `<db>.v<N>.bak` before migrating an existing database (default true). */
  backup?: boolean;
}

/** The opened database. `DatabaseSync` is disposable, so `using db = openStore(…)` closes it. */
export type Store = DatabaseSync;

/**
 * Opens (creating the file and its folder if needed) and migrates the database at `path`.
 * `:memory:` gives a fresh in-memory store.
 */
export function openStore(path: string, options: OpenOptions = {}): Store {
  const cannot = (error: unknown) =>
    new DataError(
      `Cannot open the database "${path}": ${
        error instanceof Error ? error.message.split("\n")[0] : String(error)
      }`,
    );
  let existed = false;
  let db: Store;
  try {
    if (path !== ":memory:") {
      Deno.mkdirSync(dirname(path), { recursive: true });
      existed = fileExists(path);
    }
    db = new DatabaseSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    throw cannot(error);
  }
  try {
    // Another process may be importing: wait for it rather than fail at once.
    db.exec("PRAGMA busy_timeout = 15000");
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");
  } catch (error) {
    db.close();
    throw isBusy(error) ? error : cannot(error);
  }
  try {
    migrate(db, path, existed && (options.backup ?? true));
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Current `user_version` of an open database. */
export function schemaVersion(db: Store): number {
  const row = db.prepare("PRAGMA user_version").get() as {
    user_version: number;
  };
  return row.user_version;
}

function migrate(db: Store, path: string, backup: boolean): void {
  const version = schemaVersion(db);
  if (version > SCHEMA_VERSION) {
    throw new DataError(
      `Cannot open "${path}": it was written by a newer version of schedules (schema ${version}, this version knows ${SCHEMA_VERSION})`,
    );
  }
  if (version === SCHEMA_VERSION) return;
  if (backup && version > 0) {
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    Deno.copyFileSync(path, `${path}.v${version}.bak`);
  }
  // A migration may rebuild a table (create, copy, drop, rename): with foreign keys on, dropping
  // the old table would delete or refuse its children. The pragma is a no-op inside a
  // transaction, so it is switched around the whole loop.
  db.exec("PRAGMA foreign_keys = OFF");
  try {
    for (let next = version; next < SCHEMA_VERSION; next++) {
      db.exec("BEGIN IMMEDIATE");
      try {
        const before = foreignKeyProblems(db);
        db.exec(MIGRATIONS[next]!);
        const after = foreignKeyProblems(db);
        if (after > before) {
          throw new DataError(
            `Cannot migrate "${path}" to schema ${next + 1}: ${
              after - before
            } rows would point to missing rows`,
          );
        }
        db.exec(`PRAGMA user_version = ${next + 1}`);
        db.exec("COMMIT");
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    }
  } finally {
    db.exec("PRAGMA foreign_keys = ON");
  }
}

/**
 * The number of rows whose foreign key points nowhere. A migration must not add any; rows a
 * database already had (written with foreign keys off by another program) are left for
 * `schedules check` to report rather than blocking the upgrade.
 */
function foreignKeyProblems(db: Store): number {
  const row = db.prepare("SELECT COUNT(*) AS n FROM pragma_foreign_key_check")
    .get() as { n: number };
  return row.n;
}

/**
 * Runs `fn` inside one IMMEDIATE transaction: committed when it returns, rolled back when it
 * throws. Nested calls join the outer transaction.
 */
export function transaction<T>(db: Store, fn: () => T): T {
  if (db.isTransaction) return fn();
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = fn();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
}

/**
 * Sets the page cache of one schema to `kib` KiB until disposed, then restores what it was. The
 * main schema's size also caps the keys SQLite's sorter holds in memory (an index build).
 */
export function pageCache(
  db: Store,
  schema: "main" | "temp",
  kib: number,
): Disposable {
  const { cache_size: before } = db.prepare(`PRAGMA ${schema}.cache_size`)
    .get() as { cache_size: number };
  db.exec(`PRAGMA ${schema}.cache_size = -${kib}`);
  return {
    [Symbol.dispose]: () => db.exec(`PRAGMA ${schema}.cache_size = ${before}`),
  };
}

function fileExists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

const statements = new WeakMap<Store, Map<string, StatementSync>>();

/**
 * A prepared statement for `sql`, prepared once per database: the send loop runs the same few
 * queries for every message, and preparing costs more than running them.
 */
export function statement(db: Store, sql: string): StatementSync {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}
