/**
 * The `mysql --batch` files of docs/open-edx.md, imported through the `import` command
 * (src/cli/import.ts): tab separation, `NULL` cells, MySQL datetimes with microseconds and
 * backslash escapes land as the right stored values, and an export imports back unchanged.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CommandContext } from "../../src/cli/context.ts";
import { run as exportCommand } from "../../src/cli/export.ts";
import { run as importCommand } from "../../src/cli/import.ts";
import { openStore } from "../../src/store/db.ts";

const DATA = fileURLToPath(
  new URL("../testdata/mysql/", import.meta.url),
);
/** The import order of docs/open-edx.md. */
const KINDS = [
  "users",
  "courses",
  "modes",
  "enrollments",
  "schedules",
  "optouts",
] as const;
const NOW = Date.UTC(2026, 2, 2, 6);
const SP = "course-v1:ExampleX+SP101+2026";
const IL = "course-v1:ExampleX+IL201+2026_T1";

async function tempDir(): Promise<{ path: string } & AsyncDisposable> {
  const path = await Deno.makeTempDir({ prefix: "mysql_export_test_" });
  return {
    path,
    [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }),
  };
}

/** A command context on the database `db` in `dir`, collecting what is printed. */
function context(dir: string, db: string) {
  const out: string[] = [], err: string[] = [];
  const ctx: CommandContext = {
    globals: { db, json: false, quiet: false, verbose: false, now: NOW },
    env: {},
    today: Temporal.PlainDate.from("2026-03-02"),
    now: () => NOW,
    cwd: dir,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    stdin: new ReadableStream(),
    fancy: false,
  };
  return { ctx, out, err };
}

/** Imports every file of `folder` (named `<kind>.<ext>`) in order; returns the summaries. */
async function importAll(
  ctx: CommandContext,
  folder: string,
  ext: string,
): Promise<void> {
  for (const kind of KINDS) {
    const code = await importCommand(ctx, [
      kind,
      join(folder, `${kind}.${ext}`),
    ]);
    assert.equal(code, 0, kind);
  }
}

/** Exports every kind as CSV into `folder`. */
async function exportAll(ctx: CommandContext, folder: string): Promise<void> {
  for (const kind of KINDS) {
    const out = join(folder, `${kind}.csv`);
    assert.equal(await exportCommand(ctx, [kind, "--out", out]), 0, kind);
  }
}

/** Plain objects of a query's rows (node:sqlite rows have a null prototype). */
function rows(dbPath: string, sql: string): Record<string, unknown>[] {
  using db = openStore(dbPath);
  return db.prepare(sql).all().map((row) => ({ ...row }));
}

Deno.test("import reads mysql --batch exports: tabs, NULL, escapes, microseconds", async () => {
  await using dir = await tempDir();
  const db = join(dir.path, "schedules.db");
  const { ctx, out, err } = context(dir.path, db);
  await importAll(ctx, DATA, "tsv");
  assert.deepEqual(err, [], "no warnings: every column is known");
  assert.equal(out.length, KINDS.length);
  assert.match(out[0]!, /^Imported users from ".*users\.tsv": 5 inserted/);

  assert.deepEqual(
    rows(db, "SELECT * FROM users ORDER BY id"),
    [
      [1, "ana", "Ana García", 1, 1],
      [2, "ben", "Ben\tOkafor", 1, 1],
      [3, "chloe", 'Chloé "CM" Martin\nParis', 1, 0],
      [4, "dmitri", null, 0, 1],
      [5, "eve", "C:\\Users\\eve", 1, 1],
    ].map(([id, username, name, is_active, has_usable_password]) => ({
      id,
      username,
      email: `${username}@example.com`,
      name,
      is_active,
      has_usable_password,
    })),
  );

  assert.deepEqual(
    rows(
      db,
      `SELECT id, display_name, org, start, "end", self_paced, language, highlights_enabled,
         weeks_to_complete FROM courses ORDER BY id`,
    ),
    [{
      id: IL,
      display_name: "Modern World History",
      org: "ExampleX",
      start: Date.UTC(2026, 1, 16, 14),
      end: null,
      self_paced: 0,
      language: null,
      highlights_enabled: 0,
      weeks_to_complete: null,
    }, {
      id: SP,
      display_name: "Introduction to Data Science",
      org: "ExampleX",
      start: Date.UTC(2026, 0, 5),
      end: Date.UTC(2026, 11, 18),
      self_paced: 1,
      language: "en",
      highlights_enabled: 0,
      weeks_to_complete: null,
    }],
  );

  assert.deepEqual(
    rows(
      db,
      `SELECT course_id, mode_slug, expiration_datetime, expiration_datetime_is_explicit,
         sku, min_price FROM course_modes ORDER BY course_id, mode_slug`,
    ),
    [
      [IL, "audit", null, 0, null, 0],
      [IL, "verified", Date.UTC(2026, 3, 1, 23, 59), 1, "SKU-IL201", 99],
      [SP, "audit", null, 0, null, 0],
      // Not explicit: course end − 10 days, the value Open edX had stored too.
      [SP, "verified", Date.UTC(2026, 11, 8), 0, "SKU-SP101", 49],
    ].map(([course_id, mode_slug, expiration, explicit, sku, min_price]) => ({
      course_id,
      mode_slug,
      expiration_datetime: expiration,
      expiration_datetime_is_explicit: explicit,
      sku,
      min_price,
    })),
  );

  assert.deepEqual(
    rows(
      db,
      `SELECT e.user_id, e.course_id, e.created, e.mode, e.is_active, s.start_date,
         s.upgrade_deadline, COALESCE(x.experience_type, 0) AS experience, s.active
       FROM enrollments e JOIN schedules s ON s.enrollment_id = e.id
       LEFT JOIN schedule_experiences x ON x.schedule_id = s.id
       ORDER BY e.user_id`,
    ),
    [
      [
        1,
        SP,
        Date.UTC(2026, 2, 1, 9, 30),
        "audit",
        1,
        Date.UTC(2026, 2, 1, 9, 30),
        Date.UTC(2026, 2, 22, 9, 30),
        0,
        1,
      ],
      [
        2,
        SP,
        // .123456 is kept to the millisecond.
        Date.UTC(2025, 11, 20, 8, 0, 0, 123),
        "verified",
        1,
        Date.UTC(2026, 0, 5),
        null,
        1,
        1,
      ],
      [
        3,
        IL,
        Date.UTC(2026, 1, 20, 10, 15),
        "audit",
        0,
        Date.UTC(2026, 1, 20, 10, 15),
        null,
        0,
        1,
      ],
      [
        5,
        IL,
        Date.UTC(2026, 1, 21, 11),
        "audit",
        1,
        Date.UTC(2026, 1, 21, 11),
        Date.UTC(2026, 2, 14, 11),
        1,
        0,
      ],
    ].map((
      [
        user_id,
        course_id,
        created,
        mode,
        is_active,
        start,
        deadline,
        exp,
        active,
      ],
    ) => ({
      user_id,
      course_id,
      created,
      mode,
      is_active,
      start_date: start,
      upgrade_deadline: deadline,
      experience: exp,
      active,
    })),
  );

  assert.deepEqual(
    rows(db, "SELECT user_id, course_id FROM optouts ORDER BY user_id"),
    [{ user_id: 3, course_id: IL }, { user_id: 5, course_id: IL }],
  );
});

Deno.test("import of the mysql files twice changes nothing the second time", async () => {
  await using dir = await tempDir();
  const { ctx, out } = context(dir.path, join(dir.path, "schedules.db"));
  await importAll(ctx, DATA, "tsv");
  out.length = 0;
  await importAll(ctx, DATA, "tsv");
  for (const line of out) {
    assert.match(line, / 0 inserted, 0 updated, \d+ unchanged/);
  }
});

Deno.test("export of the imported mysql files imports back unchanged", async () => {
  await using dir = await tempDir();
  const first = context(dir.path, join(dir.path, "first.db"));
  await importAll(first.ctx, DATA, "tsv");
  const exported = join(dir.path, "exported");
  await Deno.mkdir(exported);
  await exportAll(first.ctx, exported);

  // Into the same database: every row is already there as is.
  first.out.length = 0;
  await importAll(first.ctx, exported, "csv");
  for (const line of first.out) {
    assert.match(line, / 0 inserted, 0 updated, \d+ unchanged/);
  }

  // Into a fresh database: exporting again gives the same files, byte for byte.
  const second = context(dir.path, join(dir.path, "second.db"));
  await importAll(second.ctx, exported, "csv");
  const again = join(dir.path, "again");
  await Deno.mkdir(again);
  await exportAll(second.ctx, again);
  for (const kind of KINDS) {
    assert.equal(
      await Deno.readTextFile(join(again, `${kind}.csv`)),
      await Deno.readTextFile(join(exported, `${kind}.csv`)),
      kind,
    );
  }
  const users = await Deno.readTextFile(join(exported, "users.csv"));
  assert.ok(users.includes('"Chloé ""CM"" Martin\nParis"'), users);
});
