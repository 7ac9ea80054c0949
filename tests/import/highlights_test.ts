import assert from "node:assert/strict";
import {
  importText,
  memoryDb,
  query,
  seedBasics,
  snapshot,
} from "./_support.ts";
import { dataError, testdata } from "./_support_assert.ts";

const SP = "course-v1:ExampleX+SP101+2026";

function outline(db: Parameters<typeof query>[0], course = SP) {
  return query(
    db,
    "SELECT position, name, highlights, hide_from_toc, visible_to_staff_only FROM course_sections WHERE course_id = ? ORDER BY position",
    course,
  );
}

Deno.test("highlights import groups rows into sections with highlight lists", async () => {
  using db = memoryDb();
  await seedBasics(db);
  const result = await importText(
    db,
    "highlights",
    await testdata("highlights.csv"),
  );
  assert.equal(result.inserted, 1);
  assert.deepEqual(outline(db), [
    {
      position: 1,
      name: "Welcome",
      highlights: '["Meet your classmates","Set goals, then start"]',
      hide_from_toc: 0,
      visible_to_staff_only: 0,
    },
    {
      position: 2,
      name: "Week 2",
      highlights: "[]",
      hide_from_toc: 0,
      visible_to_staff_only: 0,
    },
    {
      position: 3,
      name: "Staff notes",
      highlights: '["Staff-only highlight"]',
      hide_from_toc: 0,
      visible_to_staff_only: 1,
    },
  ]);
});

Deno.test("highlights import replaces a course's whole outline and is idempotent", async () => {
  using db = memoryDb();
  await seedBasics(db);
  await importText(db, "highlights", await testdata("highlights.csv"));
  const file =
    `course_id,section,section_name,highlight\n${SP},1,Only,"Just one"\n`;
  const replaced = await importText(db, "highlights", file);
  assert.equal(replaced.updated, 1);
  assert.deepEqual(outline(db), [
    {
      position: 1,
      name: "Only",
      highlights: '["Just one"]',
      hide_from_toc: 0,
      visible_to_staff_only: 0,
    },
  ]);
  const before = snapshot(db);
  const again = await importText(db, "highlights", file);
  assert.equal(again.unchanged, 1);
  assert.equal(snapshot(db), before);
});

Deno.test("highlights import rejects unknown courses, bad sections and contradicting rows", async () => {
  using db = memoryDb();
  await seedBasics(db);
  const error = await dataError(
    importText(
      db,
      "highlights",
      [
        "course_id,section,section_name,highlight,hide_from_toc",
        "course-v1:ExampleX+NOPE+1,1,A,x,false",
        `${SP},0,A,x,false`,
        `${SP},1,A,x,false`,
        `${SP},1,B,y,false`,
        `${SP},1,,z,true`,
        `${SP},1,,x,`,
      ].join("\n"),
    ),
  );
  assert.deepEqual(error.details, [
    'line 2, column "course_id": unknown course "course-v1:ExampleX+NOPE+1"',
    'line 3, column "section": "0" is not a positive integer',
    'line 5, column "section_name": "B" differs from line 4 ("A")',
    'line 6, column "hide_from_toc": true differs from line 4 (false)',
    'line 7, column "highlight": duplicate highlight (first on line 4)',
  ]);
  assert.deepEqual(outline(db), []);
});

Deno.test("highlights decide the experience of schedules created afterwards", async () => {
  using db = memoryDb();
  await seedBasics(db);
  await importText(db, "courses", `id,highlights_enabled\n${SP},true\n`);
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created\n1,${SP},2026-02-02\n`,
  );
  await importText(
    db,
    "highlights",
    `course_id,section,highlight,hide_from_toc\n${SP},1,Hidden one,true\n`,
  );
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created\n2,${SP},2026-02-03\n`,
  );
  await importText(
    db,
    "highlights",
    `course_id,section,highlight,visible_to_staff_only\n${SP},1,Staff only,true\n`,
  );
  await importText(db, "users", "id,username,email\n3,c,c@example.com\n");
  await importText(
    db,
    "enrollments",
    `user_id,course_id,created\n3,${SP},2026-02-04\n`,
  );
  assert.deepEqual(
    query(
      db,
      `SELECT e.user_id, x.experience_type FROM schedules s JOIN enrollments e ON e.id = s.enrollment_id
       JOIN schedule_experiences x ON x.schedule_id = s.id ORDER BY e.user_id`,
    ),
    [
      { user_id: 1, experience_type: 0 },
      { user_id: 2, experience_type: 0 },
      { user_id: 3, experience_type: 1 },
    ],
  );
});
