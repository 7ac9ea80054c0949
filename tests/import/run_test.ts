import assert from "node:assert/strict";
import { importRecords } from "../../src/import/run.ts";
import { usersImporter } from "../../src/import/users.ts";
import { transaction } from "../../src/store/db.ts";
import { importText, memoryDb, NOW, query, snapshot } from "./_support.ts";
import { dataError, testdata } from "./_support_assert.ts";

Deno.test("importCsvStream() lists at most 50 bad rows, then counts the rest", async () => {
  using db = memoryDb();
  const lines = ["id,username,email"];
  for (let i = 0; i < 73; i++) lines.push(`-${i + 1},u${i},u${i}@example.com`);
  const error = await dataError(
    importText(db, "users", lines.join("\n"), { file: "many.csv" }),
  );
  assert.equal(
    error.message,
    'Cannot import "many.csv": 73 bad rows, nothing imported',
  );
  assert.equal(error.details.length, 51);
  assert.equal(
    error.details[0],
    'line 2, column "id": "-1" is not a positive integer',
  );
  assert.equal(
    error.details[49],
    'line 51, column "id": "-50" is not a positive integer',
  );
  assert.equal(error.details[50], "… and 23 more bad rows");
});

Deno.test("importCsvStream() words a single bad row in one line", async () => {
  using db = memoryDb();
  const error = await dataError(
    importText(
      db,
      "users",
      "id,username,email\n1,a,a@example.com\n,b,b@example.com\n",
      { file: "enrollments.csv" },
    ),
  );
  assert.equal(
    error.message,
    'Cannot import line 3 of "enrollments.csv": column "id" is empty',
  );
  assert.deepEqual(error.details, ['line 3, column "id": is empty']);
  assert.deepEqual(query(db, "SELECT * FROM users"), []);
});

Deno.test("importCsvStream() reports the start line of a record after a quoted line break", async () => {
  using db = memoryDb();
  const error = await dataError(
    importText(
      db,
      "users",
      'id,username,email,name\n1,a,a@example.com,"two\nlines"\nx,b,b@example.com,\n',
    ),
  );
  assert.deepEqual(error.details, [
    'line 4, column "id": "x" is not a positive integer',
  ]);
});

Deno.test("importCsvStream() treats a wrong number of fields as a bad row", async () => {
  using db = memoryDb();
  const error = await dataError(
    importText(
      db,
      "users",
      "id,username,email\n1,a\n2,b,b@example.com,extra\n3,c,c@example.com,,\n",
    ),
  );
  assert.deepEqual(error.details, [
    "line 2: has 2 fields, the header has 3",
    "line 3: has 4 fields, the header has 3",
  ]);
});

Deno.test("importCsvStream() rejects a header that names a column twice", async () => {
  using db = memoryDb();
  const error = await dataError(
    importText(db, "users", "id,username,email,id\n1,a,a@example.com,1\n", {
      file: "u.csv",
    }),
  );
  assert.equal(
    error.message,
    'Cannot import "u.csv": column "id" appears twice in the header',
  );
});

Deno.test("importCsvStream() rejects an empty file and invalid UTF-8, changing nothing", async () => {
  using db = memoryDb();
  const empty = await dataError(
    importText(db, "users", await testdata("empty.csv"), { file: "empty.csv" }),
  );
  assert.equal(empty.message, 'Cannot read "empty.csv": the file is empty');
  const invalid = await dataError(
    importText(db, "users", await testdata("invalid_utf8.csv"), {
      file: "invalid_utf8.csv",
    }),
  );
  assert.match(
    invalid.message,
    /^Cannot read "invalid_utf8\.csv": it is not valid UTF-8/,
  );
  assert.deepEqual(query(db, "SELECT * FROM users"), []);
});

Deno.test("importCsvStream() rolls back rows imported before a late bad row", async () => {
  using db = memoryDb();
  const lines = ["id,username,email"];
  for (let i = 1; i <= 5000; i++) lines.push(`${i},u${i},u${i}@example.com`);
  lines.push("5001,late,not-an-email");
  const before = snapshot(db);
  await dataError(
    importText(db, "users", lines.join("\n"), { chunkSize: 4096 }),
  );
  assert.equal(snapshot(db), before);
});

Deno.test("importRecords() imports split records and rolls back a dry run", () => {
  using db = memoryDb();
  const records = [
    { line: 1, values: { id: "1", username: "a", email: "a@example.com" } },
  ];
  const dry = importRecords(db, usersImporter, records, {
    file: "x",
    now: NOW,
    dryRun: true,
  });
  assert.equal(dry.inserted, 1);
  assert.deepEqual(query(db, "SELECT id FROM users"), []);
  const real = importRecords(db, usersImporter, records, {
    file: "x",
    now: NOW,
  });
  assert.equal(real.inserted, 1);
  assert.deepEqual(query(db, "SELECT id FROM users"), [{ id: 1 }]);
});

Deno.test("importRecords() joins the caller's transaction and reports missing columns per row", () => {
  using db = memoryDb();
  assert.throws(
    () =>
      transaction(db, () => {
        importRecords(db, usersImporter, [
          {
            line: 3,
            values: { id: "1", username: "a", email: "a@example.com" },
          },
        ], { file: "x", now: NOW });
        importRecords(db, usersImporter, [
          { line: 4, values: { id: "2", username: "b" } },
        ], { file: "x", now: NOW });
      }),
    /Cannot import line 4 of "x": column "email" is missing/,
  );
  assert.deepEqual(query(db, "SELECT id FROM users"), []);
});
