/**
 * End to end through main.ts with the production permission flags, on the demo fixtures, at the
 * fixed demo date, under two time zones.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { runCli } from "./_support/cli.ts";

const DATE = "2026-03-16";

async function tempDir(): Promise<AsyncDisposable & { path: string }> {
  const path = await Deno.makeTempDir({ prefix: "schedules-cli-" });
  return {
    path,
    [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }),
  };
}

async function messageFiles(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.name.endsWith(".html") && entry.name !== "index.html") {
      names.push(entry.name);
    }
  }
  return names.sort();
}

async function demo(tz: string) {
  const dir = await tempDir();
  const result = await runCli(["demo", "--json"], {
    cwd: dir.path,
    env: { TZ: tz },
  });
  return { dir, result };
}

Deno.test("demo sends every message type for the demo date, the same under UTC and Pacific/Auckland", async () => {
  const utc = await demo("UTC");
  await using _a = utc.dir;
  const nz = await demo("Pacific/Auckland");
  await using _b = nz.dir;
  equal(utc.result.code, 0, utc.result.stderr);
  equal(nz.result.code, 0, nz.result.stderr);
  const summary = JSON.parse(utc.result.stdout);
  deepEqual(JSON.parse(nz.result.stdout), summary);
  equal(summary.date, DATE);
  deepEqual(summary.sites, ["courses.example.com", "learn.partner.example"]);
  for (
    const name of [
      "recurringnudge_day3",
      "recurringnudge_day10",
      "upgradereminder",
      "instructorledcourseupdate",
      "courseupdate",
    ]
  ) {
    ok(summary.messages[name].sent > 0, `${name} sent`);
  }
  const files = await messageFiles(join(utc.dir.path, "ace_messages"));
  const sent = Object.values(
    summary.messages as Record<string, { sent: number }>,
  ).reduce((a, c) => a + c.sent, 0);
  equal(files.length, sent);
  deepEqual(
    (await messageFiles(join(nz.dir.path, "ace_messages"))).map((f) =>
      f.split(".").slice(0, 3).join(".")
    ),
    files.map((f) => f.split(".").slice(0, 3).join(".")),
  );
  const index = await Deno.readTextFile(
    join(utc.dir.path, "ace_messages", "index.html"),
  );
  for (const file of files) {
    ok(index.includes(encodeURIComponent(file)), `index links ${file}`);
  }
  const first = await Deno.readTextFile(
    join(utc.dir.path, "ace_messages", files[0]!),
  );
  match(first, /^\n<!DOCTYPE html>\n<html>\n {4}<head>/);
  match(
    first,
    /<!-- to: learner\d+@example\.com -->\n {4}<!-- from_name: .+ -->\n {4}<!-- subject: .+ -->\n {4}<!-- body: /,
  );
});

Deno.test("send all twice on the same date sends nothing new; export messages shows the ledger", async () => {
  await using dir = await tempDir();
  const first = await runCli(["demo"], { cwd: dir.path });
  equal(first.code, 0, first.stderr);
  const db = join(dir.path, "data", "demo.db");
  const again = await runCli([
    "send",
    "all",
    "--date",
    DATE,
    "--db",
    db,
    "--json",
  ], { cwd: dir.path });
  equal(again.code, 0, again.stderr);
  const summary = JSON.parse(again.stdout);
  for (
    const counts of Object.values(
      summary.messages as Record<
        string,
        { sent: number; already_sent: number }
      >,
    )
  ) {
    equal(counts.sent, 0);
  }
  ok(summary.messages.recurringnudge_day3.already_sent > 0);
  const exported = await runCli([
    "export",
    "messages",
    "--format",
    "json",
    "--db",
    db,
  ], { cwd: dir.path });
  equal(exported.code, 0, exported.stderr);
  const rows = JSON.parse(exported.stdout) as Record<string, unknown>[];
  ok(rows.length > 0);
  deepEqual(Object.keys(rows[0]!).sort(), [
    "channel",
    "course_ids",
    "date",
    "file",
    "language",
    "name",
    "primary_course_id",
    "reason",
    "recipient",
    "send_uuid",
    "site",
    "status",
    "test_send",
    "user_id",
    "uuid",
  ]);
  ok(rows.some((r) => r.status === "skipped" && r.reason === "opted-out"));
  ok(rows.some((r) => r.status === "skipped" && r.reason === "user-disabled"));
  ok(
    rows.some((r) =>
      r.status === "skipped" && r.reason === "delivery-disabled"
    ),
  );
  ok(
    rows.filter((r) => r.status === "sent").every((r) =>
      typeof r.file === "string" && (r.file as string).startsWith(dir.path)
    ),
  );
});

Deno.test("a second concurrent send exits 3 naming the holder, and changes nothing", async () => {
  await using dir = await tempDir();
  equal((await runCli(["demo", "--quiet"], { cwd: dir.path })).code, 0);
  const db = join(dir.path, "data", "demo.db");
  using lock = await Deno.open(`${db}.lock`, {
    read: true,
    write: true,
    create: true,
  });
  await lock.lock(true);
  await lock.write(
    new TextEncoder().encode(
      JSON.stringify({ pid: 4242, started: "2026-03-16T00:00:00.000Z" }),
    ),
  );
  const busy = await runCli(
    ["send", "all", "--date", "2026-03-17", "--db", db],
    { cwd: dir.path },
  );
  equal(busy.code, 3);
  match(
    busy.stderr,
    /^error: Another run holds the lock .*pid 4242, started 2026-03-16T00:00:00.000Z/,
  );
  await lock.unlock();
  const free = await runCli(
    ["send", "all", "--date", "2026-03-17", "--db", db],
    { cwd: dir.path },
  );
  equal(free.code, 0, free.stderr);
});

Deno.test("usage and input errors exit 2 with one line and no stack trace", async () => {
  await using dir = await tempDir();
  const cases: [string[], RegExp][] = [
    [
      ["send", "all", "nope.example.com", "--date", DATE],
      /^error: No matching site found: nope\.example\.com\n$/,
    ],
    [
      ["send", "all", "--date", "2026-02-30"],
      /^error: Invalid date "2026-02-30": no such day \(--date\)\n$/,
    ],
    [
      ["send", "all", "--date", "20260316"],
      /^error: Invalid date "20260316": expected YYYY-MM-DD/,
    ],
    [["send", "weekly"], /^error: Unknown send type "weekly"/],
    [["send", "all", "--bogus"], /^error: send: Unknown option '--bogus'/],
    [["send", "course-next-section-update"], /needs a site/],
    [
      ["send", "all", "--channel", "sailthru", "--date", DATE],
      /^error: .*SAILTHRU_API_KEY/,
    ],
    [["frobnicate"], /^error: Unknown command "frobnicate"/],
  ];
  for (const [args, pattern] of cases) {
    const result = await runCli(args, { cwd: dir.path });
    equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
    match(result.stderr, pattern);
    ok(!result.stderr.includes("    at "), "no stack trace");
  }
});

Deno.test("--help, --version and the upstream alias commands", async () => {
  await using dir = await tempDir();
  const help = await runCli(["--help"], { cwd: dir.path });
  equal(help.code, 0);
  match(help.stdout, /send_course_next_section_update/);
  const version = await runCli(["--version"], { cwd: dir.path });
  match(version.stdout, /^schedules \d+\.\d+\.\d+\n$/);
  equal((await runCli(["demo", "--quiet"], { cwd: dir.path })).code, 0);
  const db = join(dir.path, "data", "demo.db");
  const alias = await runCli([
    "send_recurring_nudge",
    "--date",
    "2026-03-16",
    "--db",
    db,
    "--json",
    "--dry-run",
  ], { cwd: dir.path });
  equal(alias.code, 0, alias.stderr);
  deepEqual(Object.keys(JSON.parse(alias.stdout).messages), [
    "recurringnudge_day3",
    "recurringnudge_day10",
  ]);
});
