import assert from "node:assert/strict";
import { join } from "node:path";
import { run } from "../../src/cli/export.ts";
import { DataError, UsageError } from "../../src/errors.ts";
import { openStore } from "../../src/store/db.ts";
import { testContext } from "../import/_cli_support.ts";

async function seeded() {
  const ctx = await testContext();
  using db = openStore(join(ctx.cwd, "s.db"));
  db.exec(
    "INSERT INTO users (id, username, email) VALUES (1, 'a', 'a@example.com')",
  );
  return ctx;
}

Deno.test("export run() prints CSV to stdout by default", async () => {
  await using ctx = await seeded();
  assert.equal(await run(ctx, ["users"]), 0);
  assert.deepEqual(ctx.stdout.join("\n").split("\n"), [
    "id,username,email,name,is_active,has_usable_password",
    "1,a,a@example.com,,true,true",
  ]);
});

Deno.test("export run() writes --format json to --out", async () => {
  await using ctx = await seeded();
  assert.equal(
    await run(ctx, ["users", "--format", "json", "--out", "u.json"]),
    0,
  );
  assert.deepEqual(ctx.stdout, []);
  const text = await Deno.readTextFile(join(ctx.cwd, "u.json"));
  assert.deepEqual(JSON.parse(text), [{
    id: 1,
    username: "a",
    email: "a@example.com",
    name: null,
    is_active: true,
    has_usable_password: true,
  }]);
  assert.ok(text.endsWith("]\n"));
});

Deno.test("export run() prints config as JSON by default", async () => {
  await using ctx = await seeded();
  await run(ctx, ["config"]);
  assert.equal(
    JSON.parse(ctx.stdout.join("\n")).platform.verification_window_days,
    10,
  );
});

Deno.test("export run() rejects unknown kinds, bad formats and missing output folders", async () => {
  await using ctx = await seeded();
  await assert.rejects(() => run(ctx, ["widgets"]), UsageError);
  await assert.rejects(
    () => run(ctx, ["users", "--format", "xml"]),
    /Invalid value "xml" for --format/,
  );
  await assert.rejects(
    () => run(ctx, ["config", "--format", "csv"]),
    UsageError,
  );
  await assert.rejects(
    () => run(ctx, ["users", "--out", "no/such/dir/u.csv"]),
    (error: unknown) =>
      error instanceof DataError && /no such folder/.test(error.message),
  );
});
