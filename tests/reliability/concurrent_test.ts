/**
 * Imports and sends on one database at the same time (issue 6, "One run at a time"): two large
 * imports and a `send all`, started together as child processes, all finish with exit 0 —
 * imports do not take the send lock, and SQLite's busy timeout orders their writes — and
 * `schedules check` then finds the database consistent with every row in place.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { type CliResult, runCli } from "../_support/cli.ts";
import { demoDb } from "../_support/demo_db.ts";
import { tempDir } from "./_support.ts";

const DATE = "2026-03-16";
const NOW = "2026-03-16T00:00:00Z";
const ENROLLMENTS = 30_000; // well under a second of import, far below the 5 s busy timeout
const USERS = 20_000;
const COURSES = [
  "course-v1:ExampleX+SP101+2026",
  "course-v1:ExampleX+SP102+2026",
  "course-v1:ExampleX+IL201+2026_T1",
  "course-v1:ExampleX+SPH301+2026",
];

/** Two enrollments per new learner (created by the import), spread over the weeks before. */
function enrollmentsCsv(): string {
  const lines = ["user_id,course_id,created,mode,is_active,username,email"];
  for (let i = 0; i < ENROLLMENTS; i++) {
    const user = 100_000 + Math.floor(i / 2);
    const course = COURSES[(i % 2) + 2 * (Math.floor(i / 2) % 2)]!;
    const day = String(1 + (i % 16)).padStart(2, "0");
    lines.push(
      `${user},${course},2026-03-${day}T${
        String(i % 24).padStart(2, "0")
      }:30:00Z,audit,true,bulk${user},bulk${user}@example.com`,
    );
  }
  return lines.join("\n") + "\n";
}

function usersCsv(): string {
  const lines = ["id,username,email,name"];
  for (let i = 0; i < USERS; i++) {
    const id = 500_000 + i;
    lines.push(`${id},other${id},other${id}@example.com,Other ${i}`);
  }
  return lines.join("\n") + "\n";
}

/** A CLI run with the time it started and ended (ms, this process's clock). */
async function timed(
  args: string[],
  cwd: string,
): Promise<CliResult & { start: number; end: number }> {
  const start = performance.now();
  const result = await runCli(args, { cwd });
  return { ...result, start, end: performance.now() };
}

function count(db: DatabaseSync, sql: string): number {
  return Number((db.prepare(sql).get() as { n: number }).n);
}

Deno.test("two large imports and a send at the same time all succeed and leave a consistent database", async () => {
  await using dir = await tempDir("schedules-concurrent-");
  const db = await demoDb(dir.path);
  await Deno.writeTextFile(join(dir.path, "enrollments.csv"), enrollmentsCsv());
  await Deno.writeTextFile(join(dir.path, "users.csv"), usersCsv());
  const before = new DatabaseSync(db, { readOnly: true });
  const users = count(before, "SELECT COUNT(*) AS n FROM users");
  const enrollments = count(before, "SELECT COUNT(*) AS n FROM enrollments");
  before.close();
  const common = ["--db", db, "--now", NOW, "--quiet"];
  const [bulk, more, send] = await Promise.all([
    timed(["import", "enrollments", "enrollments.csv", ...common], dir.path),
    timed(["import", "users", "users.csv", ...common], dir.path),
    timed(["send", "all", "--date", DATE, "--db", db, "--json"], dir.path),
  ]);
  equal(bulk.code, 0, `enrollments import: ${bulk.stderr}`);
  equal(more.code, 0, `users import: ${more.stderr}`);
  equal(send.code, 0, `send: ${send.stderr}`);
  ok(send.start < bulk.end && bulk.start < send.end, "the runs overlapped");
  const summary = JSON.parse(send.stdout);
  ok(summary.messages.recurringnudge_day3.sent > 0);

  const check = await runCli(["check", "--db", db], { cwd: dir.path });
  equal(check.code, 0, check.stdout + check.stderr);
  equal(check.stdout, "The database is consistent.\n");
  const after = new DatabaseSync(db, { readOnly: true });
  try {
    equal(
      count(after, "SELECT COUNT(*) AS n FROM users"),
      users + ENROLLMENTS / 2 + USERS,
    );
    equal(
      count(after, "SELECT COUNT(*) AS n FROM enrollments"),
      enrollments + ENROLLMENTS,
    );
    equal(
      count(
        after,
        "SELECT COUNT(*) AS n FROM enrollments e LEFT JOIN schedules s ON s.enrollment_id = e.id WHERE s.id IS NULL AND e.user_id >= 100000",
      ),
      0,
      "every imported enrollment has its schedule",
    );
    deepEqual(
      after.prepare(
        "SELECT status, COUNT(*) AS n FROM messages WHERE status NOT IN ('sent', 'skipped') GROUP BY status",
      ).all(),
      [],
      "every message the send decided on was delivered or skipped",
    );
  } finally {
    after.close();
  }
});
