/**
 * Migration 004 (named unique keys): a schema 3 database with data keeps every row, its
 * foreign keys and its unique keys; the backup is made first.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import {
  MIGRATIONS,
  openStore,
  SCHEMA_VERSION,
  schemaVersion,
} from "../../src/store/db.ts";

type Row = Record<string, unknown>;

function rows(db: DatabaseSync, sql: string): Row[] {
  return db.prepare(sql).all().map((row) => ({ ...row }));
}

/** The rows of the tables migration 004 rebuilds and of those that refer to them. */
function content(db: DatabaseSync): Row {
  return Object.fromEntries(
    [
      "users",
      "courses",
      "enrollments",
      "schedules",
      "schedule_experiences",
      "schedule_history",
    ].map((
      table,
    ) => [table, rows(db, `SELECT * FROM ${table} ORDER BY rowid`)]),
  );
}

/** A schema 3 database with two learners, their enrollments, schedules and history. */
function schema3(path: string): void {
  using db = new DatabaseSync(path);
  for (const sql of MIGRATIONS.slice(0, 3)) db.exec(sql);
  db.exec("PRAGMA user_version = 3");
  db.exec(`
    INSERT INTO users (id, username, email) VALUES (7, 'ana', 'ana@example.com'),
      (9, 'bo', 'bo@example.com');
    INSERT INTO courses (id, org, start) VALUES ('course-v1:X+C+1', 'X', 1000);
    INSERT INTO enrollments (id, user_id, course_id, created, mode) VALUES
      (3, 7, 'course-v1:X+C+1', 2000, 'verified'), (5, 9, 'course-v1:X+C+1', 3000, 'audit');
    INSERT INTO schedules (id, enrollment_id, created, modified, start_date, upgrade_deadline)
      VALUES (11, 3, 5, 5, 2000, 4000), (12, 5, 5, 6, 3000, NULL);
    INSERT INTO schedule_experiences (schedule_id, experience_type) VALUES (11, 1), (12, 0);
    INSERT INTO schedule_history (id, created, modified, active, start_date, enrollment_id,
      history_date, history_type) VALUES (11, 5, 5, 1, 2000, 3, 5, '+');
  `);
}

Deno.test("openStore() migrates a schema 3 database with data to named unique keys", async () => {
  const dir = await Deno.makeTempDir({ prefix: "schedules-m004-" });
  try {
    const path = join(dir, "old.db");
    schema3(path);
    let before: Row;
    {
      using old = new DatabaseSync(path, { readOnly: true });
      before = content(old);
    }
    using db = openStore(path);
    assert.equal(schemaVersion(db), SCHEMA_VERSION);
    assert.deepEqual(content(db), before, "every row kept, ids included");
    assert.deepEqual(rows(db, "PRAGMA foreign_key_check"), []);
    assert.deepEqual(
      rows(
        db,
        `SELECT name FROM sqlite_schema WHERE type = 'index'
         AND tbl_name IN ('enrollments', 'schedules') ORDER BY name`,
      ).map((row) => row.name),
      [
        "enrollments_course",
        "enrollments_user_course",
        "schedules_enrollment",
        "schedules_start_date",
        "schedules_upgrade_deadline",
      ],
      "named indexes only: no automatic index is left",
    );
    // The foreign keys still point at the rebuilt tables.
    const keys = (table: string) =>
      rows(
        db,
        `SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list('${table}')`,
      )
        .map((row) => `${row.from} → ${row.table}.${row.to} ${row.on_delete}`)
        .sort();
    assert.deepEqual(keys("enrollments"), [
      "course_id → courses.id NO ACTION",
      "user_id → users.id NO ACTION",
    ]);
    assert.deepEqual(keys("schedules"), [
      "enrollment_id → enrollments.id CASCADE",
    ]);
    assert.deepEqual(keys("schedule_experiences"), [
      "schedule_id → schedules.id CASCADE",
    ]);
    assert.throws(
      () =>
        db.exec(
          "INSERT INTO enrollments (user_id, course_id, created) VALUES (7, 'course-v1:X+C+1', 1)",
        ),
      /UNIQUE constraint failed/,
    );
    assert.throws(
      () =>
        db.exec(
          "INSERT INTO schedules (enrollment_id, created, modified) VALUES (3, 1, 1)",
        ),
      /UNIQUE constraint failed/,
    );
    assert.throws(
      () =>
        db.exec(
          "INSERT INTO enrollments (user_id, course_id, created) VALUES (8, 'course-v1:X+C+1', 1)",
        ),
      /FOREIGN KEY constraint failed/,
      "foreign keys are enforced again after the migration",
    );
    db.exec("DELETE FROM enrollments WHERE id = 3");
    assert.deepEqual(
      rows(db, "SELECT id FROM schedules").map((row) => row.id),
      [12],
      "deleting an enrollment still cascades to its schedule",
    );
    using backup = new DatabaseSync(join(dir, "old.db.v3.bak"), {
      readOnly: true,
    });
    assert.deepEqual(content(backup), before, "the backup holds the old data");
    assert.equal(
      (backup.prepare("PRAGMA user_version").get() as { user_version: number })
        .user_version,
      3,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("openStore() migrates a database holding rows that point nowhere", async () => {
  const dir = await Deno.makeTempDir({ prefix: "schedules-m004-" });
  try {
    const path = join(dir, "old.db");
    schema3(path);
    {
      // Written by another program with foreign keys off: `schedules check` reports it.
      using old = new DatabaseSync(path, {
        enableForeignKeyConstraints: false,
      });
      old.exec(
        "INSERT INTO schedules (enrollment_id, created, modified) VALUES (99, 1, 1)",
      );
    }
    using db = openStore(path);
    assert.equal(schemaVersion(db), SCHEMA_VERSION);
    assert.equal(rows(db, "PRAGMA foreign_key_check").length, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
