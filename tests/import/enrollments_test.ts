import assert from "node:assert/strict";
import { parseDateTime } from "../../src/domain/dates.ts";
import type { Store } from "../../src/store/db.ts";
import {
  importText,
  iso,
  memoryDb,
  NOW,
  query,
  seedBasics,
  snapshot,
} from "./_support.ts";
import { dataError, testdata } from "./_support_assert.ts";

const SP = "course-v1:ExampleX+SP101+2026";
const IP = "course-v1:ExampleX+IP101+2026";

function schedules(db: Store) {
  return query(
    db,
    `SELECT e.user_id, e.course_id, s.start_date, s.upgrade_deadline, x.experience_type AS experience
     FROM schedules s JOIN enrollments e ON e.id = s.enrollment_id
     LEFT JOIN schedule_experiences x ON x.schedule_id = s.id ORDER BY e.id`,
  ).map((row) => ({
    ...row,
    start_date: iso(row.start_date),
    upgrade_deadline: iso(row.upgrade_deadline),
  }));
}

function history(db: Store) {
  return query(
    db,
    "SELECT history_type, start_date, history_date FROM schedule_history ORDER BY history_id",
  ).map((
    row,
  ) => [row.history_type, iso(row.start_date), iso(row.history_date)]);
}

Deno.test("enrollments import creates enrollments, users and schedules from a mixed-endings file", async () => {
  using db = memoryDb();
  await seedBasics(db);
  const result = await importText(
    db,
    "enrollments",
    await testdata("enrollments_mixed.csv"),
  );
  assert.deepEqual(
    [result.inserted, result.users_created, result.schedules_created],
    [3, 2, 3],
  );
  assert.deepEqual(
    query(
      db,
      "SELECT id, username, email, name FROM users WHERE id > 2 ORDER BY id",
    ),
    [
      {
        id: 3,
        username: "dana",
        email: "dana@example.com",
        name: "Dana\r\nDoe",
      },
      {
        id: 4,
        username: "émile",
        email: "emile@example.com",
        name: "Émile Zola",
      },
    ],
  );
  assert.deepEqual(
    query(
      db,
      "SELECT user_id, created, mode, is_active FROM enrollments ORDER BY id",
    ).map((r) => [
      r.user_id,
      iso(r.created),
      r.mode,
      r.is_active,
    ]),
    [
      [1, "2026-01-15T08:00:00.000Z", "audit", 1],
      [3, "2026-03-10T12:30:45.678Z", "verified", 1],
      [4, "2026-03-02T00:00:00.000Z", "honor", 1],
    ],
  );
  assert.deepEqual(schedules(db), [
    {
      user_id: 1,
      course_id: SP,
      start_date: "2026-02-01T00:00:00.000Z",
      upgrade_deadline: null,
      experience: 0,
    },
    {
      user_id: 3,
      course_id: SP,
      start_date: "2026-03-10T12:30:45.678Z",
      upgrade_deadline: null,
      experience: 0,
    },
    {
      user_id: 4,
      course_id: IP,
      start_date: "2026-04-01T00:00:00.000Z",
      upgrade_deadline: null,
      experience: 0,
    },
  ]);
  assert.deepEqual(history(db).map((h) => h[0]), ["+", "+", "+"]);
  assert.equal(history(db)[0]![2], iso(NOW));
});

Deno.test("enrollments import computes deadlines from the config and caps them at the verified expiry", async () => {
  using db = memoryDb();
  await seedBasics(db);
  await importText(
    db,
    "config",
    JSON.stringify({
      dynamic_upgrade_deadline: {
        global: { enabled: true, deadline_days: 21 },
        courses: [{ course_id: IP, enabled: true, deadline_days: 7 }],
      },
    }),
  );
  await importText(
    db,
    "modes",
    `course_id,mode_slug,expiration_datetime\n${SP},verified,2026-03-10\n`,
  );
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created\n1,${SP},2026-02-05\n2,${SP},2026-01-01\n1,${IP},2026-01-01\n`,
  );
  assert.deepEqual(schedules(db).map((s) => s.upgrade_deadline), [
    "2026-02-26T00:00:00.000Z",
    "2026-02-22T00:00:00.000Z",
    "2026-04-08T00:00:00.000Z",
  ]);
  await importText(db, "users", "id,username,email\n3,c,c@example.com\n");
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created\n3,${SP},2026-02-25\n`,
  );
  assert.equal(schedules(db)[3]!.upgrade_deadline, "2026-03-10T00:00:00.000Z");
});

Deno.test("enrollments import lists unknown users and courses, duplicates and empty cells", async () => {
  using db = memoryDb();
  await seedBasics(db);
  const before = snapshot(db);
  const error = await dataError(
    importText(db, "enrollments", await testdata("enrollments_bad.csv")),
  );
  assert.deepEqual(error.details, [
    'line 2, column "user_id": unknown user 99 (give username and email to create it)',
    'line 3, column "course_id": unknown course "course-v1:ExampleX+NOPE+2026"',
    `line 5: duplicate enrollment of user 1 in ${SP} (first on line 4)`,
    'line 6, column "created": is empty',
  ]);
  assert.equal(snapshot(db), before);
});

Deno.test("enrollments import checks the email of a user it creates", async () => {
  using db = memoryDb();
  await seedBasics(db);
  const error = await dataError(
    importText(
      db,
      "enrollments",
      `user_id,course_id,created,username,email\n9,${SP},2026-02-01,z,zzz\n`,
    ),
  );
  assert.deepEqual(error.details, [
    'line 2, column "email": "zzz" is not an email address',
  ]);
});

Deno.test("enrollments import leaves an existing user as is", async () => {
  using db = memoryDb();
  await seedBasics(db);
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created,username,email\n1,${SP},2026-02-01,other,other@example.com\n`,
  );
  assert.deepEqual(query(db, "SELECT username FROM users WHERE id = 1"), [{
    username: "alice",
  }]);
});

Deno.test("enrollments import is idempotent and updates is_active without touching schedules", async () => {
  using db = memoryDb();
  await seedBasics(db);
  const file =
    `user_id,course_id,created,mode,is_active\n1,${SP},2026-02-10,audit,true\n`;
  await importText(db, "enrollments", file);
  const before = snapshot(db);
  const again = await importText(db, "enrollments", file);
  assert.deepEqual([
    again.inserted,
    again.updated,
    again.unchanged,
    again.schedules_created,
  ], [0, 0, 1, 0]);
  assert.equal(snapshot(db), before);
  const off = await importText(
    db,
    "enrollments",
    `user_id,course_id,created,is_active\n1,${SP},2026-02-10,false\n`,
  );
  assert.equal(off.updated, 1);
  assert.deepEqual(query(db, "SELECT mode, is_active FROM enrollments"), [{
    mode: "audit",
    is_active: 0,
  }]);
  assert.equal(history(db).length, 1);
});

Deno.test("enrollments import: a mode change to verified restarts a self-paced schedule now (§2.5)", async () => {
  using db = memoryDb();
  await seedBasics(db);
  await importText(
    db,
    "config",
    '{"dynamic_upgrade_deadline":{"global":{"enabled":true}}}',
  );
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created\n1,${SP},2026-02-10\n`,
  );
  const deadline = schedules(db)[0]!.upgrade_deadline;
  const now = parseDateTime("2026-03-05T14:00:00Z");
  const result = await importText(
    db,
    "enrollments",
    `user_id,course_id,created,mode\n1,${SP},2026-02-10,verified\n`,
    { now },
  );
  assert.deepEqual([result.updated, result.schedules_updated], [1, 1]);
  assert.deepEqual(schedules(db)[0], {
    user_id: 1,
    course_id: SP,
    start_date: "2026-03-05T14:00:00.000Z",
    upgrade_deadline: deadline,
    experience: 0,
  });
  assert.deepEqual(history(db).map((h) => h.slice(0, 2)), [
    ["+", "2026-02-10T00:00:00.000Z"],
    ["~", "2026-03-05T14:00:00.000Z"],
  ]);
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created,mode\n1,${SP},2026-02-10,honor\n`,
    { now },
  );
  assert.equal(
    schedules(db)[0]!.start_date,
    "2026-02-10T00:00:00.000Z",
    "audit/honor use the enrollment date",
  );
});

Deno.test("enrollments import: a mode reset never goes before the course start", async () => {
  using db = memoryDb();
  await seedBasics(db);
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created\n1,${SP},2026-01-10\n`,
  );
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created,mode\n1,${SP},2026-01-10,verified\n`,
  );
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created,mode\n1,${SP},2026-01-10,audit\n`,
  );
  assert.equal(schedules(db)[0]!.start_date, "2026-02-01T00:00:00.000Z");
  assert.equal(history(db).length, 3);
});

Deno.test("enrollments import: a mode change leaves instructor-paced schedules alone", async () => {
  using db = memoryDb();
  await seedBasics(db);
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created\n1,${IP},2026-05-10\n`,
  );
  const before = schedules(db);
  const result = await importText(
    db,
    "enrollments",
    `user_id,course_id,created,mode\n1,${IP},2026-05-10,verified\n`,
  );
  assert.deepEqual([result.updated, result.schedules_updated], [1, 0]);
  assert.deepEqual(schedules(db), before);
  assert.equal(history(db).length, 1);
});

Deno.test("enrollments import: a course without a start gives no schedule and a warning", async () => {
  using db = memoryDb();
  await seedBasics(db);
  const none = "course-v1:ExampleX+NOSTART+2026";
  await importText(db, "courses", `id,start\n${none},\n`);
  const result = await importText(
    db,
    "enrollments",
    `user_id,course_id,created\n1,${none},2026-02-01\n2,${none},2026-02-01\n`,
  );
  assert.equal(result.inserted, 2);
  assert.equal(result.schedules_created, 0);
  assert.deepEqual(result.warnings, [
    `course ${none} has no start: 2 new enrollments got no schedule`,
  ]);
  assert.deepEqual(schedules(db), []);
});

Deno.test("enrollments import never removes opt-outs", async () => {
  using db = memoryDb();
  await seedBasics(db);
  await importText(db, "optouts", `user_id,course_id\n1,${SP}\n`);
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created,is_active\n1,${SP},2026-02-01,true\n`,
  );
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created,is_active,mode\n1,${SP},2026-02-01,false,verified\n`,
  );
  assert.deepEqual(query(db, "SELECT * FROM optouts"), [{
    user_id: 1,
    course_id: SP,
  }]);
});

Deno.test("enrollments import in a dry run reports the schedules it would create", async () => {
  using db = memoryDb();
  await seedBasics(db);
  const before = snapshot(db);
  const result = await importText(
    db,
    "enrollments",
    `user_id,course_id,created\n1,${SP},2026-02-01\n`,
    { dryRun: true },
  );
  assert.deepEqual(
    [result.inserted, result.schedules_created, result.dry_run],
    [1, 1, true],
  );
  assert.equal(snapshot(db), before);
});
