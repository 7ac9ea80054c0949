import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { DataError } from "../../src/errors.ts";
import {
  openStore,
  pageCache,
  SCHEMA_VERSION,
  schemaVersion,
} from "../../src/store/db.ts";

async function tempDir(): Promise<AsyncDisposable & { path: string }> {
  const path = await Deno.makeTempDir({ prefix: "schedules_db_test_" });
  return {
    path,
    [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }),
  };
}

Deno.test("openStore() migrates an existing database at user_version 0 with no tables", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "old.db");
  const raw = new DatabaseSync(path);
  raw.exec("PRAGMA user_version = 0");
  raw.close();
  using db = openStore(path);
  assert.equal(schemaVersion(db), SCHEMA_VERSION);
  const tables = db.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
  ).all().map((row) => row.name);
  for (
    const name of ["users", "courses", "enrollments", "schedules", "messages"]
  ) {
    assert.ok(tables.includes(name), name);
  }
});

Deno.test("openStore() creates the file and its folder on first use", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "nested", "folder", "schedules.db");
  using db = openStore(path);
  assert.equal(schemaVersion(db), SCHEMA_VERSION);
  assert.ok((await Deno.stat(path)).isFile);
});

Deno.test("openStore() refuses a database written by a newer version", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "new.db");
  const raw = new DatabaseSync(path);
  raw.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
  raw.close();
  assert.throws(() => openStore(path), (error: unknown) => {
    assert.ok(error instanceof DataError);
    assert.match(error.message, /written by a newer version of schedules/);
    return true;
  });
  const check = new DatabaseSync(path);
  const version = check.prepare("PRAGMA user_version").get() as {
    user_version: number;
  };
  check.close();
  assert.equal(version.user_version, SCHEMA_VERSION + 1, "left untouched");
});

Deno.test("openStore() reopens a current database without migrating again", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "s.db");
  {
    using db = openStore(path);
    db.exec(
      "INSERT INTO users (id, username, email) VALUES (1, 'a', 'a@example.com')",
    );
  }
  using db = openStore(path);
  assert.deepEqual(db.prepare("SELECT id FROM users").all().map((r) => r.id), [
    1,
  ]);
});

Deno.test("pageCache() sets one schema's cache size and restores it when disposed", () => {
  using db = openStore(":memory:");
  const size = (schema: string) =>
    (db.prepare(`PRAGMA ${schema}.cache_size`).get() as { cache_size: number })
      .cache_size;
  const before = { main: size("main"), temp: size("temp") };
  {
    using _cache = pageCache(db, "main", 2048);
    assert.equal(size("main"), -2048);
    assert.equal(size("temp"), before.temp);
  }
  assert.deepEqual({ main: size("main"), temp: size("temp") }, before);
});
