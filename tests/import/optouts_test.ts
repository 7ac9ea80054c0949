import assert from "node:assert/strict";
import { importText, memoryDb, query, seedBasics } from "./_support.ts";
import { dataError, testdata } from "./_support_assert.ts";

Deno.test("optouts import needs a known user but not a known course", async () => {
  using db = memoryDb();
  await seedBasics(db);
  const result = await importText(db, "optouts", await testdata("optouts.csv"));
  assert.equal(result.inserted, 2);
  assert.deepEqual(query(db, "SELECT * FROM optouts ORDER BY user_id"), [
    { user_id: 1, course_id: "course-v1:ExampleX+SP101+2026" },
    { user_id: 2, course_id: "course-v1:Other+NOT+YET" },
  ]);
  const again = await importText(db, "optouts", await testdata("optouts.csv"));
  assert.deepEqual([again.inserted, again.unchanged], [0, 2]);
});

Deno.test("optouts import rejects unknown users, bad keys and duplicates", async () => {
  using db = memoryDb();
  await seedBasics(db);
  const error = await dataError(
    importText(
      db,
      "optouts",
      "user_id,course_id\n42,course-v1:A+B+C\n1,nope\n1,course-v1:A+B+C\n1,course-v1:A+B+C\n",
    ),
  );
  assert.deepEqual(error.details, [
    'line 2, column "user_id": unknown user 42',
    'line 3, column "course_id": "nope" is not an Open edX course key (course-v1:ORG+COURSE+RUN or ORG/COURSE/RUN)',
    "line 5: duplicate opt-out of user 1 from course-v1:A+B+C (first on line 4)",
  ]);
  assert.deepEqual(query(db, "SELECT * FROM optouts"), []);
});
