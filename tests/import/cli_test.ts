import assert from "node:assert/strict";
import { join } from "node:path";
import { run } from "../../src/cli/import.ts";
import { DataError, UsageError } from "../../src/errors.ts";
import { openStore } from "../../src/store/db.ts";
import { testContext } from "./_cli_support.ts";

Deno.test("import run() loads a file and prints a one-line summary with warnings on stderr", async () => {
  await using ctx = await testContext();
  await Deno.writeTextFile(
    join(ctx.cwd, "users.csv"),
    "id,username,email,extra\n1,a,a@example.com,x\n",
  );
  assert.equal(await run(ctx, ["users", "users.csv"]), 0);
  assert.deepEqual(ctx.stdout, [
    'Imported users from "users.csv": 1 inserted, 0 updated, 0 unchanged',
  ]);
  assert.deepEqual(ctx.stderr, [
    'warning: "users.csv": ignoring unknown column "extra"',
  ]);
  using db = openStore(join(ctx.cwd, "s.db"));
  assert.equal(db.prepare("SELECT COUNT(*) AS n FROM users").get()!.n, 1);
});

Deno.test("import run() reads stdin for - and prints JSON with --json", async () => {
  await using ctx = await testContext({
    json: true,
    stdin: "id,username,email\n1,a,a@example.com\n",
  });
  assert.equal(await run(ctx, ["users", "-", "--dry-run"]), 0);
  assert.deepEqual(JSON.parse(ctx.stdout[0]!), {
    kind: "users",
    file: "stdin",
    dry_run: true,
    inserted: 1,
    updated: 0,
    unchanged: 0,
    schedules_created: 0,
    schedules_updated: 0,
    users_created: 0,
    warnings: [],
  });
});

Deno.test("import run() reports a missing file before creating the database", async () => {
  await using ctx = await testContext();
  await assert.rejects(() => run(ctx, ["users", "x.csv"]), (error: unknown) => {
    assert.ok(error instanceof DataError);
    assert.equal(error.message, 'Cannot read "x.csv": no such file');
    return true;
  });
  await assert.rejects(
    () => Deno.stat(join(ctx.cwd, "s.db")),
    Deno.errors.NotFound,
  );
});

Deno.test("import run() rejects unknown kinds and bad arguments as usage errors", async () => {
  await using ctx = await testContext();
  await assert.rejects(
    () => run(ctx, ["widgets", "x.csv"]),
    (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.match(
        error.message,
        /^Unknown kind "widgets" for import \(kinds: config, users,/,
      );
      return true;
    },
  );
  await assert.rejects(() => run(ctx, []), UsageError);
  await assert.rejects(() => run(ctx, ["users"]), UsageError);
  await assert.rejects(
    () => run(ctx, ["users", "a.csv", "--force"]),
    UsageError,
  );
});

Deno.test("import run() summarises enrollments with schedules created and a dry run", async () => {
  await using ctx = await testContext();
  const file = (name: string, text: string) =>
    Deno.writeTextFile(join(ctx.cwd, name), text);
  await file("c.csv", "id,start\ncourse-v1:A+B+C,2026-01-01\n");
  await file(
    "e.csv",
    "user_id,course_id,created,username,email\n1,course-v1:A+B+C,2026-02-01,a,a@example.com\n",
  );
  await run(ctx, ["courses", "c.csv"]);
  await run(ctx, ["enrollments", "e.csv", "--dry-run"]);
  assert.deepEqual(ctx.stdout.slice(1), [
    'Dry run, nothing changed: enrollments from "e.csv" would give 1 inserted, 0 updated, 0 unchanged, 1 user created, 1 schedule created',
  ]);
});
