import assert from "node:assert/strict";
import { parseDateTime } from "../../src/domain/dates.ts";
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

Deno.test("courses import derives the org from the key and parses every column", async () => {
  using db = memoryDb();
  const result = await importText(db, "courses", await testdata("courses.csv"));
  assert.equal(result.inserted, 3);
  const rows = query(db, "SELECT * FROM courses ORDER BY id");
  assert.deepEqual(rows.map((row) => [row.id, row.org]), [
    ["ExampleX/OLD/2014", "ExampleX"],
    ["course-v1:ExampleX+IP101+2026", "ExampleX"],
    [SP, "ExampleX"],
  ]);
  assert.deepEqual(rows[1], {
    id: "course-v1:ExampleX+IP101+2026",
    display_name: "Instructor-led, 101",
    org: "ExampleX",
    start: parseDateTime("2026-04-01T07:30:00Z"),
    end: null,
    self_paced: 0,
    language: null,
    highlights_enabled: 0,
    weeks_to_complete: null,
  });
  assert.deepEqual(rows[2]!.self_paced, 1);
  assert.deepEqual(rows[2]!.weeks_to_complete, 6);
  assert.deepEqual(rows[0]!.language, "es");
});

Deno.test("courses import rejects impossible dates, bad keys and bad booleans", async () => {
  using db = memoryDb();
  const error = await dataError(
    importText(db, "courses", await testdata("courses_bad.csv")),
  );
  assert.deepEqual(error.details, [
    'line 2, column "start": "2026-02-30" is not a valid date',
    'line 3, column "id": "not-a-course-key" is not an Open edX course key (course-v1:ORG+COURSE+RUN or ORG/COURSE/RUN)',
    'line 4, column "self_paced": "sometimes" is not a boolean (true/false, 1/0, yes/no, t/f)',
  ]);
  assert.deepEqual(query(db, "SELECT id FROM courses"), []);
});

Deno.test("courses import keeps weeks_to_complete when the column is absent", async () => {
  using db = memoryDb();
  await importText(db, "courses", `id,weeks_to_complete\n${SP},8\n`);
  const result = await importText(
    db,
    "courses",
    `id,display_name\n${SP},Renamed\n`,
  );
  assert.equal(result.updated, 1);
  assert.deepEqual(
    query(db, "SELECT display_name, weeks_to_complete FROM courses"),
    [
      { display_name: "Renamed", weeks_to_complete: 8 },
    ],
  );
});

Deno.test("courses import is idempotent", async () => {
  using db = memoryDb();
  const file = await testdata("courses.csv");
  await importText(db, "courses", file);
  const before = snapshot(db);
  const again = await importText(db, "courses", file);
  assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 3]);
  assert.equal(snapshot(db), before);
});

Deno.test("courses import with a new start rewrites every schedule of the course (§2.4)", async () => {
  using db = memoryDb();
  await seedBasics(db);
  await importText(
    db,
    "config",
    JSON.stringify({ dynamic_upgrade_deadline: { global: { enabled: true } } }),
  );
  await importText(
    db,
    "enrollments",
    [
      "user_id,course_id,created",
      `1,${SP},2026-01-15`,
      `2,${SP},2026-02-20T10:00:00Z`,
      "1,course-v1:ExampleX+IP101+2026,2026-03-01",
    ].join("\n"),
  );
  const historyBefore =
    query(db, "SELECT COUNT(*) AS n FROM schedule_history")[0]!.n;
  const modifiedBefore = query(
    db,
    "SELECT modified FROM schedules ORDER BY id",
  );
  const result = await importText(
    db,
    "courses",
    `id,start\n${SP},2026-03-15\n`,
    {
      now: parseDateTime("2026-03-02T00:00:00Z"),
    },
  );
  assert.equal(result.updated, 1);
  assert.equal(result.schedules_updated, 2);
  const rows = query(
    db,
    `SELECT e.user_id, e.course_id, s.start_date, s.upgrade_deadline FROM schedules s
     JOIN enrollments e ON e.id = s.enrollment_id ORDER BY s.id`,
  );
  assert.deepEqual(
    rows.map((r) => [r.user_id, iso(r.start_date), iso(r.upgrade_deadline)]),
    [
      [1, "2026-03-15T00:00:00.000Z", "2026-04-05T00:00:00.000Z"],
      [2, "2026-03-15T00:00:00.000Z", "2026-04-05T00:00:00.000Z"],
      [1, "2026-04-01T00:00:00.000Z", "2026-04-22T00:00:00.000Z"],
    ],
  );
  assert.equal(
    query(db, "SELECT COUNT(*) AS n FROM schedule_history")[0]!.n,
    historyBefore,
  );
  assert.deepEqual(
    query(db, "SELECT modified FROM schedules ORDER BY id"),
    modifiedBefore,
  );
});

Deno.test("courses import moves schedules to a start in the past and caps at the verified expiry", async () => {
  using db = memoryDb();
  await seedBasics(db);
  await importText(
    db,
    "config",
    JSON.stringify({ dynamic_upgrade_deadline: { global: { enabled: true } } }),
  );
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created\n1,${SP},2026-02-25\n`,
  );
  await importText(
    db,
    "modes",
    `course_id,mode_slug,expiration_datetime\n${SP},verified,2026-01-20\n`,
  );
  await importText(db, "courses", `id,start\n${SP},2026-01-05\n`, {
    now: parseDateTime("2026-01-10"),
  });
  const [row] = query(db, "SELECT start_date, upgrade_deadline FROM schedules");
  assert.equal(iso(row!.start_date), "2026-01-05T00:00:00.000Z");
  assert.equal(iso(row!.upgrade_deadline), "2026-01-20T00:00:00.000Z");
});

Deno.test("courses import leaves schedules alone when the start is unchanged", async () => {
  using db = memoryDb();
  await seedBasics(db);
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created\n2,${SP},2026-02-20\n`,
  );
  const before = snapshot(db);
  const result = await importText(
    db,
    "courses",
    `id,start\n${SP},2026-02-01T00:00:00Z\n`,
  );
  assert.equal(result.unchanged, 1);
  assert.equal(result.schedules_updated, 0);
  assert.equal(snapshot(db), before);
});

Deno.test("courses import allows a course without a start and warns when its schedules keep their dates", async () => {
  using db = memoryDb();
  await seedBasics(db);
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created\n2,${SP},2026-02-20\n`,
  );
  const result = await importText(db, "courses", `id,start\n${SP},\n`);
  assert.deepEqual(result.warnings, [
    `course ${SP} no longer has a start: its schedules keep their dates`,
  ]);
  assert.equal(
    iso(query(db, "SELECT start_date FROM schedules")[0]!.start_date),
    "2026-02-20T00:00:00.000Z",
  );
});
