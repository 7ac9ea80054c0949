import assert from "node:assert/strict";
import { exportLines } from "../../src/export/mod.ts";
import type { Store } from "../../src/store/db.ts";
import { importText, memoryDb, query } from "../import/_support.ts";
import { testdata } from "../import/_support_assert.ts";

const DATA_KINDS = [
  "users",
  "courses",
  "modes",
  "highlights",
  "enrollments",
  "schedules",
  "optouts",
] as const;

function exported(db: Store, kind: string, format: "csv" | "json"): string {
  return [...exportLines(db, kind, format)].join("\n") + "\n";
}

/** A database with every kind and awkward text in it. */
async function richDb(): Promise<Store> {
  const db = memoryDb();
  await importText(db, "config", await testdata("config.json"));
  await importText(db, "users", await testdata("users_bom_semicolon.csv"));
  await importText(
    db,
    "users",
    'id,username,email,name\n10,quirky,q@example.com,"NULL"\n11,tabby,t@example.com,"a\tb ""quoted"", c\nnext"\n',
  );
  await importText(db, "courses", await testdata("courses.csv"));
  await importText(
    db,
    "courses",
    "id,display_name\ncourse-v1:ExampleX+NOSTART+1,\\N\n",
  );
  await importText(db, "modes", await testdata("modes.csv"));
  await importText(db, "highlights", await testdata("highlights.csv"));
  await importText(db, "enrollments", await testdata("enrollments_mixed.csv"));
  await importText(
    db,
    "enrollments",
    "user_id,course_id,created,is_active\n2,course-v1:ExampleX+NOSTART+1,2026-02-01,false\n",
  );
  await importText(
    db,
    "schedules",
    "user_id,course_id,start_date,upgrade_deadline,experience,active\n1,course-v1:ExampleX+SP101+2026,2026-02-10T01:02:03.004Z,2026-03-03,1,false\n",
  );
  await importText(db, "optouts", await testdata("optouts.csv"));
  return db;
}

/** Loads every export of `source` into a fresh database, in dependency order. */
async function rebuild(source: Store): Promise<Store> {
  const db = memoryDb();
  await importText(db, "config", exported(source, "config", "json"));
  for (const kind of DATA_KINDS) {
    await importText(db, kind, exported(source, kind, "csv"));
  }
  return db;
}

Deno.test("export → import into a fresh database → export is identical for every kind (CSV and JSON)", async () => {
  using source = await richDb();
  using copy = await rebuild(source);
  for (const kind of ["config", ...DATA_KINDS]) {
    for (const format of ["csv", "json"] as const) {
      if (kind === "config" && format === "csv") continue;
      assert.equal(
        exported(copy, kind, format),
        exported(source, kind, format),
        `${kind} ${format}`,
      );
    }
  }
});

Deno.test("export csv uses the import column names, ISO UTC datetimes and true/false", async () => {
  using db = await richDb();
  const courses = exported(db, "courses", "csv").split("\n");
  assert.equal(
    courses[0],
    "id,display_name,org,start,end,self_paced,language,highlights_enabled,weeks_to_complete",
  );
  assert.ok(courses.includes(
    'course-v1:ExampleX+IP101+2026,"Instructor-led, 101",ExampleX,2026-04-01T07:30:00.000Z,,false,,false,',
  ));
  const highlights = exported(db, "highlights", "csv").split("\n");
  assert.deepEqual(highlights.slice(0, 5), [
    "course_id,section,section_name,highlight,hide_from_toc,visible_to_staff_only",
    "course-v1:ExampleX+SP101+2026,1,Welcome,Meet your classmates,false,false",
    'course-v1:ExampleX+SP101+2026,1,Welcome,"Set goals, then start",false,false',
    "course-v1:ExampleX+SP101+2026,2,Week 2,,false,false",
    "course-v1:ExampleX+SP101+2026,3,Staff notes,Staff-only highlight,false,true",
  ]);
  const users = exported(db, "users", "csv");
  assert.match(users, /\n10,quirky,q@example\.com,"NULL",true,true\n/);
});

Deno.test("export json gives typed values and null for missing ones", async () => {
  using db = await richDb();
  const schedules = JSON.parse(exported(db, "schedules", "json"));
  assert.deepEqual(schedules[0], {
    user_id: 1,
    course_id: "course-v1:ExampleX+SP101+2026",
    start_date: "2026-02-10T01:02:03.004Z",
    upgrade_deadline: "2026-03-03T00:00:00.000Z",
    experience: "course_updates",
    active: false,
  });
  const modes = JSON.parse(exported(db, "modes", "json"));
  assert.deepEqual(
    modes.find((m: { mode_slug: string }) => m.mode_slug === "audit"),
    {
      course_id: "course-v1:ExampleX+SP101+2026",
      mode_slug: "audit",
      expiration_datetime: null,
      expiration_datetime_is_explicit: false,
      sku: null,
      min_price: null,
    },
  );
});

Deno.test("export config prints the configuration in the import shape", async () => {
  using db = await richDb();
  const config = JSON.parse(exported(db, "config", "json"));
  assert.deepEqual(Object.keys(config), [
    "platform",
    "sites",
    "dynamic_upgrade_deadline",
    "sailthru",
    "segment",
  ]);
  assert.deepEqual(config.sites[1], {
    domain: "other.example.com",
    schedule_config: {
      enqueue_recurring_nudge: false,
      deliver_recurring_nudge: false,
      enqueue_upgrade_reminder: false,
      deliver_upgrade_reminder: false,
      enqueue_course_update: false,
      deliver_course_update: false,
    },
  });
  assert.deepEqual(config.dynamic_upgrade_deadline.orgs, [
    { org_id: "ExampleX", enabled: true, deadline_days: 14, opt_out: false },
  ]);
  assert.throws(() => exportLines(db, "config", "csv"), /only --format json/);
});

function insertMessage(
  db: Store,
  values: Record<string, string | number | null>,
): void {
  const row = {
    uuid: "u1",
    send_uuid: "s1",
    name: "recurringnudge_day3",
    site: "courses.example.com",
    user_id: 7,
    recipient: "a@example.com",
    course_ids: '["course-v1:A+B+C","course-v1:A+D+C"]',
    language: "en",
    date: "2026-03-01",
    target_date: "2026-02-26",
    channel: "file",
    status: "sent",
    reason: null,
    transient: 0,
    file: "/tmp/out/7.x.html",
    test_send: 0,
    once_key: null,
    context_json: "{}",
    created: 2,
    updated: 2,
    ...values,
  };
  const names = Object.keys(row);
  db.prepare(
    `INSERT INTO messages (${names.join(", ")}) VALUES (${
      names.map(() => "?").join(", ")
    })`,
  ).run(...Object.values(row));
}

Deno.test("export messages gives the ledger fields in creation order", () => {
  using db = memoryDb();
  insertMessage(db, {});
  insertMessage(db, {
    uuid: "u0",
    created: 1,
    user_id: 8,
    course_ids: "[]",
    status: "skipped",
    reason: "opted-out",
    file: null,
    test_send: 1,
    channel: "smtp",
  });
  const json = JSON.parse(exported(db, "messages", "json"));
  assert.deepEqual(json, [
    {
      uuid: "u0",
      send_uuid: "s1",
      name: "recurringnudge_day3",
      site: "courses.example.com",
      user_id: 8,
      recipient: "a@example.com",
      course_ids: [],
      primary_course_id: null,
      language: "en",
      date: "2026-03-01",
      channel: "smtp",
      status: "skipped",
      reason: "opted-out",
      file: null,
      test_send: true,
    },
    {
      uuid: "u1",
      send_uuid: "s1",
      name: "recurringnudge_day3",
      site: "courses.example.com",
      user_id: 7,
      recipient: "a@example.com",
      course_ids: ["course-v1:A+B+C", "course-v1:A+D+C"],
      primary_course_id: "course-v1:A+B+C",
      language: "en",
      date: "2026-03-01",
      channel: "file",
      status: "sent",
      reason: null,
      file: "/tmp/out/7.x.html",
      test_send: false,
    },
  ]);
  assert.deepEqual(exported(db, "messages", "csv").split("\n"), [
    "uuid,send_uuid,name,site,user_id,recipient,course_ids,primary_course_id,language,date,channel,status,reason,file,test_send",
    "u0,s1,recurringnudge_day3,courses.example.com,8,a@example.com,,,en,2026-03-01,smtp,skipped,opted-out,,true",
    "u1,s1,recurringnudge_day3,courses.example.com,7,a@example.com,course-v1:A+B+C|course-v1:A+D+C,course-v1:A+B+C,en,2026-03-01,file,sent,,/tmp/out/7.x.html,false",
    "",
  ]);
});

Deno.test("exportLines() rejects an unknown kind", () => {
  using db = memoryDb();
  assert.throws(
    () => exportLines(db, "nope", "csv"),
    /Unknown kind "nope" for export/,
  );
  assert.deepEqual(query(db, "SELECT * FROM users"), []);
});
