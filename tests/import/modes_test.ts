import assert from "node:assert/strict";
import { importText, iso, memoryDb, query, seedBasics } from "./_support.ts";
import { dataError, testdata } from "./_support_assert.ts";

const SP = "course-v1:ExampleX+SP101+2026";
const IP = "course-v1:ExampleX+IP101+2026";

function modes(db: Parameters<typeof query>[0]) {
  return query(
    db,
    "SELECT course_id, mode_slug, expiration_datetime, expiration_datetime_is_explicit AS explicit, sku, min_price FROM course_modes ORDER BY course_id, mode_slug",
  ).map((row) => ({
    ...row,
    expiration_datetime: iso(row.expiration_datetime),
  }));
}

Deno.test("modes import: a given expiration is explicit, a verified one without expires 10 days before the end", async () => {
  using db = memoryDb();
  await seedBasics(db);
  const result = await importText(db, "modes", await testdata("modes.csv"));
  assert.equal(result.inserted, 3);
  assert.deepEqual(modes(db), [
    {
      course_id: IP,
      mode_slug: "verified",
      expiration_datetime: "2026-05-01T00:00:00.000Z",
      explicit: 1,
      sku: "SKU-IP",
      min_price: 100,
    },
    {
      course_id: SP,
      mode_slug: "audit",
      expiration_datetime: null,
      explicit: 0,
      sku: null,
      min_price: null,
    },
    {
      course_id: SP,
      mode_slug: "verified",
      expiration_datetime: "2026-12-21T00:00:00.000Z",
      explicit: 0,
      sku: "SKU-SP",
      min_price: 49.5,
    },
  ]);
});

Deno.test("modes import uses platform.verification_window_days and is idempotent", async () => {
  using db = memoryDb();
  await seedBasics(db);
  await importText(db, "config", '{"platform":{"verification_window_days":0}}');
  await importText(db, "modes", `course_id,mode_slug\n${SP},verified\n`);
  assert.equal(modes(db)[0]!.expiration_datetime, "2026-12-31T00:00:00.000Z");
  const again = await importText(
    db,
    "modes",
    `course_id,mode_slug\n${SP},verified\n`,
  );
  assert.equal(again.unchanged, 1);
});

Deno.test("modes import: an explicit false flag ignores the given date for verified", async () => {
  using db = memoryDb();
  await seedBasics(db);
  await importText(
    db,
    "modes",
    `course_id,mode_slug,expiration_datetime,expiration_datetime_is_explicit\n${SP},verified,2026-01-01,false\n${SP},professional,2026-07-01,false\n`,
  );
  const rows = modes(db);
  assert.equal(
    rows[0]!.expiration_datetime,
    "2026-07-01T00:00:00.000Z",
    "only verified follows the end",
  );
  assert.equal(rows[1]!.expiration_datetime, "2026-12-21T00:00:00.000Z");
});

Deno.test("a courses import recomputes the implicit verified expiration from the new end", async () => {
  using db = memoryDb();
  await seedBasics(db);
  await importText(db, "modes", await testdata("modes.csv"));
  await importText(
    db,
    "courses",
    `id,end\n${SP},2026-10-31\n${IP},2026-10-31\n`,
  );
  const rows = modes(db);
  assert.equal(rows[2]!.expiration_datetime, "2026-10-21T00:00:00.000Z");
  assert.equal(
    rows[0]!.expiration_datetime,
    "2026-05-01T00:00:00.000Z",
    "explicit stays",
  );
  await importText(db, "courses", `id,end\n${SP},\n`);
  assert.equal(modes(db)[2]!.expiration_datetime, null);
});

Deno.test("modes import rejects unknown courses, duplicates and bad prices", async () => {
  using db = memoryDb();
  await seedBasics(db);
  const error = await dataError(
    importText(
      db,
      "modes",
      `course_id,mode_slug,min_price\ncourse-v1:ExampleX+NOPE+1,audit,\n${SP},audit,\n${SP},audit,\n${SP},verified,-5\n`,
    ),
  );
  assert.deepEqual(error.details, [
    'line 2, column "course_id": unknown course "course-v1:ExampleX+NOPE+1"',
    `line 4: duplicate mode audit of ${SP} (first on line 3)`,
    'line 5, column "min_price": "-5" is not a non-negative number',
  ]);
  assert.deepEqual(modes(db), []);
});

Deno.test("modes import keeps the explicit flag when neither expiration column is given", async () => {
  using db = memoryDb();
  await seedBasics(db);
  await importText(
    db,
    "modes",
    `course_id,mode_slug,expiration_datetime\n${SP},verified,2026-08-01\n`,
  );
  const result = await importText(
    db,
    "modes",
    `course_id,mode_slug,sku\n${SP},verified,NEW\n`,
  );
  assert.equal(result.updated, 1);
  assert.deepEqual(modes(db)[0], {
    course_id: SP,
    mode_slug: "verified",
    expiration_datetime: "2026-08-01T00:00:00.000Z",
    explicit: 1,
    sku: "NEW",
    min_price: null,
  });
});
