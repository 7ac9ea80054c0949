/**
 * The bulk path of the enrollments import (a first load into an empty table, rows inserted in
 * chunks): the same rows, ids, schedules, counts and errors as the row-by-row path.
 */
import assert from "node:assert/strict";
import type { Store } from "../../src/store/db.ts";
import { importText, memoryDb, query, seedBasics } from "./_support.ts";
import { dataError } from "./_support_assert.ts";

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
