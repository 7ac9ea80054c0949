/**
 * `schedules preview`: the built-in sample on an empty database, real learners and courses of the
 * demo database, errors, and the promise that a preview is what `send` renders and records nothing.
 */
import { deepEqual, equal, match, ok, rejects } from "node:assert/strict";
import { join } from "node:path";
import type { CommandContext } from "../../src/cli/context.ts";
import { run as demo } from "../../src/cli/demo.ts";
import { run as preview } from "../../src/cli/preview.ts";
import { DataError, exitCodeOf, UsageError } from "../../src/errors.ts";
import { PREVIEW_NAMES } from "../../src/preview/mod.ts";
import { openStore } from "../../src/store/db.ts";
import { runCli } from "../_support/cli.ts";

const TODAY = Temporal.PlainDate.from("2026-03-16");
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

async function tempDir(): Promise<AsyncDisposable & { path: string }> {
  const path = await Deno.makeTempDir({ prefix: "schedules-preview-" });
  return {
    path,
    [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }),
  };
}

/** A command context in `cwd` that collects what the command prints. */
function context(cwd: string, db: string, json = false) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = {
    globals: { db, json, quiet: false, verbose: false, now: null },
    env: {},
    today: TODAY,
    now: () => Date.parse("2026-03-16T00:00:00Z"),
    cwd,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    stdin: new Blob([]).stream(),
    fancy: false,
  };
  return { ctx, out, err };
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** A temp folder holding the demo database (data/demo.db) and its sent emails. */
async function demoFolder() {
  const dir = await tempDir();
  const { ctx } = context(dir.path, "data/schedules.db");
  equal(await demo(ctx, []), 0);
  return dir;
}

async function previewJson(cwd: string, args: string[]) {
  const { ctx, out } = context(cwd, "data/demo.db", true);
  equal(await preview(ctx, args), 0);
  return JSON.parse(out.join("\n"));
}

function ledgerCount(cwd: string): number {
  using db = openStore(join(cwd, "data", "demo.db"));
  const row = db.prepare("SELECT count(*) AS n FROM messages").get() as {
    n: number;
  };
  return row.n;
}

Deno.test("preview courseupdate on an empty folder prints subject, from, text and the HTML path, and creates no database", async () => {
  await using dir = await tempDir();
  const result = await runCli([
    "preview",
    "courseupdate",
    "--date",
    "2026-03-16",
  ], {
    cwd: dir.path,
  });
  equal(result.code, 0, result.stderr);
  match(
    result.stdout,
    /^courseupdate for the sample learner <sample\.learner@example\.com> on 2026-03-16$/m,
  );
  match(
    result.stdout,
    /^From: Introduction to Data \(sample\) <learning@example\.com>$/m,
  );
  match(result.stdout, /^Subject: Welcome to week 2$/m);
  match(
    result.stdout,
    /We want to let you know what you can look forward to in week 2/,
  );
  match(result.stdout, /^ {2}\* Loading a table$/m);
  const file = join(
    dir.path,
    "ace_messages",
    "previews",
    "0.2026-03-16.courseupdate.preview.html",
  );
  ok(result.stdout.includes(`Wrote ${file}`));
  match(
    result.stdout,
    /^Open it with your browser: file:\/\/\/.*\.preview\.html$/m,
  );
  const html = await Deno.readTextFile(file);
  match(html, /^\n<!DOCTYPE html>\n<html>\n {4}<head>/);
  ok(html.includes("    <!-- to: sample.learner@example.com -->"));
  ok(html.includes("    <!-- subject: Welcome to week 2 -->"));
  ok(
    html.includes(
      "<!-- body: We hope you're enjoying Introduction to Data (sample)!",
    ),
  );
  equal(await exists(join(dir.path, "data")), false, "no database created");
});

Deno.test("preview renders every message name from the built-in sample", async () => {
  await using dir = await tempDir();
  const subjects = new Map<string, string>();
  for (const name of PREVIEW_NAMES) {
    const { ctx, out } = context(dir.path, "data/none.db", true);
    equal(await preview(ctx, [name, "--date", "2026-03-16"]), 0);
    const shown = JSON.parse(out.join("\n"));
    equal(shown.name, name);
    equal(shown.sample, true);
    equal(shown.date, "2026-03-16");
    ok(shown.text.length > 50, `${name} has a text part`);
    ok(await exists(shown.file), `${name} HTML written`);
    subjects.set(name, shown.subject);
  }
  equal(new Set(subjects.values()).size, PREVIEW_NAMES.length);
  match(
    subjects.get("instructorledcourseupdate")!,
    /World History \(sample\) Weekly Update/,
  );
  match(subjects.get("upgradereminder")!, /verified certificate/);
});

Deno.test("preview of an unknown message name is a usage error listing the names", async () => {
  await using dir = await tempDir();
  const { ctx } = context(dir.path, "data/none.db");
  await rejects(preview(ctx, ["recurringnudge_day4"]), (error: unknown) => {
    ok(error instanceof UsageError);
    equal(exitCodeOf(error), 2);
    for (const name of PREVIEW_NAMES) ok(error.message.includes(name), name);
    return true;
  });
  await rejects(preview(ctx, []), UsageError);
  await rejects(
    preview(ctx, ["courseupdate", "--lang", "not a language"]),
    UsageError,
  );
  await rejects(
    preview(ctx, ["courseupdate", "--date", "2026-02-30"]),
    UsageError,
  );
});

Deno.test("preview --user without a database is a data error and creates none", async () => {
  await using dir = await tempDir();
  const { ctx } = context(dir.path, "data/missing.db");
  await rejects(preview(ctx, ["courseupdate", "--user", "1"]), DataError);
  equal(await exists(join(dir.path, "data")), false);
});

Deno.test("preview --user renders what the demo run sent that learner, and records nothing", async () => {
  await using dir = await demoFolder();
  const before = ledgerCount(dir.path);
  const shown = await previewJson(dir.path, [
    "recurringnudge_day3",
    "--user",
    "1",
  ]);
  equal(ledgerCount(dir.path), before, "no ledger row written");
  deepEqual(
    [shown.sample, shown.user_id, shown.date, shown.site, shown.recipient],
    [false, 1, "2026-03-16", "courses.example.com", "learner001@example.com"],
  );
  match(shown.send, /^would find it already sent \(ledger row /);
  // The file the demo's send wrote for this learner carries the same subject and text part.
  const sent = [...Deno.readDirSync(join(dir.path, "ace_messages"))]
    .find((e) => e.name.startsWith("1.2026-03-16.recurringnudge_day3."))!;
  const file = await Deno.readTextFile(
    join(dir.path, "ace_messages", sent.name),
  );
  const body = /<!-- body: ([\s\S]*?) -->\n<\/html>/.exec(file)?.[1];
  equal(body?.replace(UUID, "UUID"), shown.text.replace(UUID, "UUID"));
  ok(file.includes(`<!-- subject: ${shown.subject} -->`));
});

Deno.test("preview --user picks the day the message is due; --date on another day says when it is due", async () => {
  await using dir = await demoFolder();
  const shown = await previewJson(dir.path, ["upgradereminder", "--user", "1"]);
  equal(shown.name, "upgradereminder");
  match(shown.send, /^would deliver it$/);
  const { ctx } = context(dir.path, "data/demo.db");
  await rejects(
    preview(ctx, [
      "recurringnudge_day3",
      "--user",
      "1",
      "--date",
      "2026-03-17",
    ]),
    (error: unknown) => {
      ok(error instanceof DataError);
      match(
        error.message,
        /Cannot preview recurringnudge_day3 for learner 1 on 2026-03-17/,
      );
      ok(
        error.details.includes(
          "it is due on 2026-03-16 (try --date 2026-03-16)",
        ),
      );
      return true;
    },
  );
  await rejects(
    preview(ctx, ["courseupdate", "--user", "1"]),
    (error: unknown) => {
      ok(error instanceof DataError);
      match(error.details.join("\n"), /course_updates experience/);
      return true;
    },
  );
  await rejects(
    preview(ctx, ["courseupdate", "--user", "999"]),
    /Learner 999 has no schedule/,
  );
});

Deno.test("preview --lang renders in that language; --course alone uses the sample learner in a real course", async () => {
  await using dir = await demoFolder();
  const es = await previewJson(dir.path, [
    "recurringnudge_day3",
    "--user",
    "1",
    "--lang",
    "es",
  ]);
  equal(es.language, "es");
  match(es.subject, /^Sigue aprendiendo/);
  match(es.text, /de abril de 2026/);
  const course = "course-v1:ExampleX+SPH301+2026";
  const shown = await previewJson(dir.path, [
    "courseupdate",
    "--course",
    course,
    "--date",
    "2026-03-16",
  ]);
  deepEqual([shown.sample, shown.course_ids, shown.user_id], [
    true,
    [course],
    0,
  ]);
  equal(shown.site, "courses.example.com");
  match(shown.subject, /^Welcome to week \d+$/);
  const { ctx } = context(dir.path, "data/demo.db");
  await rejects(
    preview(ctx, ["courseupdate", "--course", "course-v1:Nope+X+1"]),
    /Unknown course "course-v1:Nope\+X\+1"/,
  );
});
