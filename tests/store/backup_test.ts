import { equal, ok, throws } from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import {
  MIGRATIONS,
  openStore,
  SCHEMA_VERSION,
  schemaVersion,
} from "../../src/store/db.ts";
import { DataError } from "../../src/errors.ts";

Deno.test("openStore() keeps a copy of the database before migrating it forward", async () => {
  const dir = await Deno.makeTempDir({ prefix: "schedules-backup-" });
  try {
    const path = join(dir, "old.db");
    {
      using old = new DatabaseSync(path);
      old.exec(MIGRATIONS[0]!);
      old.exec("PRAGMA user_version = 1");
      old.exec(
        "INSERT INTO users (id, username, email) VALUES (7, 'ana', 'ana@example.com')",
      );
    }
    {
      using db = openStore(path);
      equal(schemaVersion(db), SCHEMA_VERSION);
      ok(
        db.prepare(
          "SELECT 1 FROM pragma_table_info('messages') WHERE name = 'attempted_at'",
        ).get(),
      );
    }
    using backup = new DatabaseSync(join(dir, "old.db.v1.bak"));
    equal(
      (backup.prepare("PRAGMA user_version").get() as { user_version: number })
        .user_version,
      1,
    );
    equal(
      (backup.prepare("SELECT username FROM users WHERE id = 7").get() as {
        username: string;
      }).username,
      "ana",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("openStore() refuses a database written by a newer version", async () => {
  const dir = await Deno.makeTempDir({ prefix: "schedules-newer-" });
  try {
    const path = join(dir, "new.db");
    {
      using db = new DatabaseSync(path);
      db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    }
    throws(
      () => openStore(path),
      (e) =>
        e instanceof DataError && /newer version of schedules/.test(e.message),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
