/**
 * The bulk path of the enrollments import (a first load into an empty table, rows inserted in
 * chunks): the same rows, ids, schedules, counts and errors as the row-by-row path.
 */
import assert from "node:assert/strict";
import type { Store } from "../../src/store/db.ts";
import { importText, memoryDb, query, seedBasics } from "./_support.ts";
import { dataError } from "./_support_assert.ts";
import { join } from "node:path";
import { runCli } from "../_support/cli.ts";
import { openStore } from "../../src/store/db.ts";
import {
  assertInputError,
  dumpFile,
  dumpStore,
  tempDir,
} from "../reliability/_support.ts";

const SP = "course-v1:ExampleX+SP101+2026";
const IP = "course-v1:ExampleX+IP101+2026";
/** More rows than two chunks of the bulk path (128 rows each). */
const USERS = 300;

async function seedUsers(db: Store): Promise<void> {
  await seedBasics(db);
  const lines = ["id,username,email"];
  for (let id = 3; id <= USERS; id++) {
    lines.push(`${id},u${id},u${id}@example.com`);
  }
  await importText(db, "users", lines.join("\n") + "\n");
}

/** One row per user, alternating courses, modes and days. */
function enrollmentLines(): string[] {
  const lines = ["user_id,course_id,created,mode,is_active"];
  for (let id = 1; id <= USERS; id++) {
    const course = id % 3 === 0 ? IP : SP;
    const day = String(1 + (id % 28)).padStart(2, "0");
    const mode = id % 5 === 0 ? "verified" : "audit";
    lines.push(
      `${id},${course},2026-02-${day},${mode},${id % 7 === 0 ? 0 : 1}`,
    );
  }
  return lines;
}

function stored(db: Store) {
  return query(
    db,
    `SELECT e.id, e.user_id, e.course_id, e.created, e.mode, e.is_active, s.id AS schedule_id,
       s.start_date, s.upgrade_deadline, s.active, x.experience_type,
       (SELECT COUNT(*) FROM schedule_history h WHERE h.id = s.id AND h.history_type = '+') AS h
     FROM enrollments e LEFT JOIN schedules s ON s.enrollment_id = e.id
     LEFT JOIN schedule_experiences x ON x.schedule_id = s.id
     WHERE e.course_id IN (?, ?) ORDER BY e.id`,
    SP,
    IP,
  );
}

Deno.test("enrollments import into an empty table matches the row-by-row path", async () => {
  const text = enrollmentLines().join("\n") + "\n";
  using bulk = memoryDb();
  await seedUsers(bulk);
  const bulkResult = await importText(bulk, "enrollments", text);
  // An enrollment already stored sends the whole file down the row-by-row path.
  using rows = memoryDb();
  await seedUsers(rows);
  await importText(
    rows,
    "courses",
    "id,start,self_paced\ncourse-v1:ExampleX+OTHER+2026,2026-01-01,true\n",
  );
  await importText(
    rows,
    "enrollments",
    "user_id,course_id,created\n1,course-v1:ExampleX+OTHER+2026,2026-01-01\n",
  );
  const rowResult = await importText(rows, "enrollments", text);
  assert.deepEqual(bulkResult, rowResult);
  assert.equal(bulkResult.inserted, USERS);
  const shift = (list: Record<string, unknown>[]) =>
    list.map((row) => ({
      ...row,
      id: Number(row.id) - 1,
      schedule_id: Number(row.schedule_id) - 1,
    }));
  assert.deepEqual(stored(bulk), shift(stored(rows)));
  // The indexes a first load drops are built again.
  const indexes = (db: Store) =>
    query(
      db,
      "SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name",
    );
  assert.deepEqual(indexes(bulk), indexes(rows));
  assert.ok(indexes(bulk).some((row) => row.name === "enrollments_course"));
  const bulkRows = stored(bulk);
  assert.deepEqual(
    bulkRows.map((row) => row.id),
    Array.from({ length: USERS }, (_, k) => k + 1),
  );
  assert.ok(
    bulkRows.every((row) => row.h === 1 && row.experience_type !== null),
  );
});

Deno.test("enrollments import into an empty table lists bad rows in line order across chunks", async () => {
  using db = memoryDb();
  await seedUsers(db);
  const lines = enrollmentLines();
  lines[99] = `99,${SP},not-a-date,audit,1`; // line 100
  lines[149] = `${SP},2026-02-01`; // line 150: too few fields
  lines[139] = `2,${SP},2026-02-03,audit,1`; // line 140: user 2 is on line 3 already
  lines.push(`999,${SP},2026-02-01,audit,1`); // line 302: unknown user
  const error = await dataError(
    importText(db, "enrollments", lines.join("\n") + "\n"),
  );
  assert.deepEqual(error.details, [
    'line 100, column "created": "not-a-date" is not an ISO 8601 date',
    `line 140: duplicate enrollment of user 2 in ${SP} (first on line 3)`,
    "line 150: has 2 fields, the header has 5",
    'line 302, column "user_id": unknown user 999 (give username and email to create it)',
  ]);
  assert.deepEqual(query(db, "SELECT COUNT(*) AS n FROM enrollments"), [{
    n: 0,
  }]);
});

Deno.test("enrollments import into an empty table creates an unknown user given mid-file", async () => {
  using db = memoryDb();
  await seedUsers(db);
  const lines = enrollmentLines().map((line, k) =>
    k === 0 ? `${line},username,email` : `${line},,`
  );
  lines[200] = `500,${SP},2026-02-05,audit,1,newbie,newbie@example.com`;
  const result = await importText(db, "enrollments", lines.join("\n") + "\n");
  assert.deepEqual(
    [result.inserted, result.users_created, result.schedules_created],
    [USERS, 1, USERS],
  );
  assert.deepEqual(
    query(
      db,
      "SELECT e.id, u.username FROM enrollments e JOIN users u ON u.id = e.user_id WHERE e.user_id = 500",
    ),
    [{ id: 200, username: "newbie" }],
  );
  assert.deepEqual(
    query(
      db,
      "SELECT COUNT(*) AS n, MIN(id) AS lo, MAX(id) AS hi FROM schedule_history WHERE history_type = '+'",
    ),
    [{ n: USERS, lo: 1, hi: USERS }],
  );
});

/** The same file through the row-by-row path (one enrollment already stored elsewhere). */
async function rowByRowError(text: string) {
  using db = memoryDb();
  await seedUsers(db);
  await importText(
    db,
    "courses",
    "id,start,self_paced\ncourse-v1:ExampleX+OTHER+2026,2026-01-01,true\n",
  );
  await importText(
    db,
    "enrollments",
    "user_id,course_id,created\n1,course-v1:ExampleX+OTHER+2026,2026-01-01\n",
  );
  return await dataError(importText(db, "enrollments", text));
}

Deno.test("a first load reports a pair repeated far below its first line, as row by row", async () => {
  using db = memoryDb();
  await seedUsers(db);
  const lines = enrollmentLines();
  lines[249] = `10,${SP},2026-02-03,audit,1`; // line 250: user 10 is on line 11
  const text = lines.join("\n") + "\n";
  const before = dumpStore(db);
  const error = await dataError(importText(db, "enrollments", text));
  assert.equal(
    error.message,
    `Cannot import line 250 of "enrollments.csv": duplicate enrollment of user 10 in ${SP} (first on line 11)`,
  );
  assert.deepEqual(error.details, [
    `line 250: duplicate enrollment of user 10 in ${SP} (first on line 11)`,
  ]);
  assert.equal(dumpStore(db), before, "the database is unchanged");
  const rowByRow = await rowByRowError(text);
  assert.deepEqual([error.message, error.details], [
    rowByRow.message,
    rowByRow.details,
  ]);
});

Deno.test("a first load reports a repeated pair before a bad cell, as row by row", async () => {
  using db = memoryDb();
  await seedUsers(db);
  const lines = enrollmentLines();
  lines[199] = `199,${SP},2026-02-30,audit,1`; // line 200: no such day
  lines[259] = `20,${SP},not-a-date,audit,1`; // line 260: repeats line 21, bad date too
  lines[269] = `269,${SP},someday,audit,1`; // line 270: bad date; its pair comes on line 280
  lines[279] = `269,${SP},2026-02-03,audit,1`;
  lines[289] = `31,${SP},2026-02-03,audit,1`; // line 290: repeats line 32
  const text = lines.join("\n") + "\n";
  const before = dumpStore(db);
  const error = await dataError(importText(db, "enrollments", text));
  assert.match(error.message, /^Cannot import "enrollments\.csv": 4 bad rows/);
  assert.deepEqual(error.details, [
    'line 200, column "created": "2026-02-30" is not a valid date',
    `line 260: duplicate enrollment of user 20 in ${SP} (first on line 21)`,
    'line 270, column "created": "someday" is not an ISO 8601 date',
    `line 290: duplicate enrollment of user 31 in ${SP} (first on line 32)`,
  ]);
  assert.equal(dumpStore(db), before, "the database is unchanged");
  const rowByRow = await rowByRowError(text);
  assert.deepEqual(error.details, rowByRow.details);
});

Deno.test("a first load lists the first 50 bad rows by line when repeated pairs come last", async () => {
  using db = memoryDb();
  await seedUsers(db);
  const lines = enrollmentLines();
  // Bad dates on lines 102–181, repeated pairs on lines 62–91: the repeats are listed first.
  for (let line = 102; line <= 181; line++) {
    lines[line - 1] = `${line - 1},${SP},bad,audit,1`;
  }
  for (let line = 62; line <= 91; line++) {
    const user = line - 60; // first on line user + 1, in the same course
    lines[line - 1] = `${user},${user % 3 === 0 ? IP : SP},2026-02-03,audit,1`;
  }
  const text = lines.join("\n") + "\n";
  const error = await dataError(importText(db, "enrollments", text));
  const rowByRow = await rowByRowError(text);
  assert.equal(error.message, rowByRow.message);
  assert.deepEqual(error.details, rowByRow.details);
  assert.equal(error.details.length, 51);
  assert.match(error.details[0]!, /^line 62: duplicate enrollment/);
  assert.match(error.details[50]!, /more bad rows$/);
});

Deno.test("the CLI refuses a first load with a repeated pair: exit 2, file and line, database unchanged", async () => {
  await using dir = await tempDir("schedules-first-load-");
  const db = join(dir.path, "s.db");
  {
    using store = openStore(db);
    await seedUsers(store);
  }
  const lines = enrollmentLines();
  lines[249] = `10,${SP},2026-02-03,audit,1`;
  const file = join(dir.path, "enrollments.csv");
  await Deno.writeTextFile(file, lines.join("\n") + "\n");
  const before = dumpFile(db);
  const result = await runCli(["import", "enrollments", file, "--db", db], {
    cwd: dir.path,
  });
  assertInputError(result, [
    "line 250",
    "enrollments.csv",
    "(first on line 11)",
  ]);
  assert.equal(dumpFile(db), before, "the database is unchanged");
});
