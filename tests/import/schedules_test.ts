import assert from "node:assert/strict";
import type { Store } from "../../src/store/db.ts";
import {
  importText,
  iso,
  memoryDb,
  query,
  seedBasics,
  snapshot,
} from "./_support.ts";
import { dataError, testdata } from "./_support_assert.ts";

const SP = "course-v1:ExampleX+SP101+2026";

function state(db: Store) {
  return query(
    db,
    `SELECT e.user_id, s.start_date, s.upgrade_deadline, s.active, x.experience_type AS experience
     FROM schedules s JOIN enrollments e ON e.id = s.enrollment_id
     LEFT JOIN schedule_experiences x ON x.schedule_id = s.id ORDER BY e.id`,
  ).map((row) => ({
    ...row,
    start_date: iso(row.start_date),
    upgrade_deadline: iso(row.upgrade_deadline),
  }));
}

async function enrolBoth(db: Store): Promise<void> {
  await seedBasics(db);
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created\n1,${SP},2026-02-02\n2,${SP},2026-02-03\n`,
  );
}

Deno.test("schedules import replaces whole schedules with a history row each", async () => {
  using db = memoryDb();
  await enrolBoth(db);
  const result = await importText(
    db,
    "schedules",
    await testdata("schedules.csv"),
  );
  assert.deepEqual([result.inserted, result.updated, result.unchanged], [
    0,
    2,
    0,
  ]);
  assert.deepEqual(state(db), [
    {
      user_id: 1,
      start_date: "2026-02-10T00:00:00.000Z",
      upgrade_deadline: "2026-03-03T00:00:00.000Z",
      active: 1,
      experience: 1,
    },
    {
      user_id: 2,
      start_date: "2026-02-11T00:00:00.000Z",
      upgrade_deadline: null,
      active: 1,
      experience: 0,
    },
  ]);
  assert.deepEqual(
    query(db, "SELECT history_type FROM schedule_history ORDER BY history_id")
      .map((r) => r.history_type),
    ["+", "+", "~", "~"],
  );
});

Deno.test("schedules import is idempotent", async () => {
  using db = memoryDb();
  await enrolBoth(db);
  const file = await testdata("schedules.csv");
  await importText(db, "schedules", file);
  const before = snapshot(db);
  const again = await importText(db, "schedules", file);
  assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 2]);
  assert.equal(snapshot(db), before);
});

Deno.test("schedules import creates a schedule for an enrollment that has none", async () => {
  using db = memoryDb();
  await seedBasics(db);
  const none = "course-v1:ExampleX+NOSTART+2026";
  await importText(db, "courses", `id\n${none}\n`);
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created\n1,${none},2026-02-02\n`,
  );
  const result = await importText(
    db,
    "schedules",
    `user_id,course_id,start_date,experience,active\n1,${none},2026-02-05T10:00:00Z,COURSE_UPDATES,0\n`,
  );
  assert.equal(result.inserted, 1);
  assert.deepEqual(state(db), [
    {
      user_id: 1,
      start_date: "2026-02-05T10:00:00.000Z",
      upgrade_deadline: null,
      active: 0,
      experience: 1,
    },
  ]);
  assert.deepEqual(query(db, "SELECT history_type FROM schedule_history"), [{
    history_type: "+",
  }]);
});

Deno.test("schedules import rejects rows without an enrollment and bad experiences", async () => {
  using db = memoryDb();
  await enrolBoth(db);
  const before = snapshot(db);
  const error = await dataError(
    importText(
      db,
      "schedules",
      `user_id,course_id,start_date,experience\n1,course-v1:ExampleX+IP101+2026,2026-02-05,\n2,${SP},2026-02-05,fancy\n2,${SP},2026-02-05,\n2,${SP},,\n`,
    ),
  );
  assert.deepEqual(error.details, [
    "line 2: user 1 is not enrolled in course-v1:ExampleX+IP101+2026",
    'line 3, column "experience": "fancy" is not an experience (default, course_updates, 0 or 1)',
    `line 4: duplicate schedule of user 2 in ${SP} (first on line 3)`,
    `line 5: duplicate schedule of user 2 in ${SP} (first on line 3)`,
  ]);
  assert.equal(snapshot(db), before);
});
