import assert from "node:assert/strict";
import { importText, memoryDb, query, snapshot } from "./_support.ts";
import { dataError, testdata } from "./_support_assert.ts";

Deno.test("users import reads a BOM, semicolon, CRLF file with non-ASCII text", async () => {
  using db = memoryDb();
  const result = await importText(
    db,
    "users",
    await testdata("users_bom_semicolon.csv"),
  );
  assert.equal(result.inserted, 3);
  assert.deepEqual(query(db, "SELECT * FROM users ORDER BY id"), [
    {
      id: 1,
      username: "alice",
      email: "alice@example.com",
      name: "Alice; Ängström",
      is_active: 1,
      has_usable_password: 1,
    },
    {
      id: 2,
      username: "bob",
      email: "bob@example.com",
      name: null,
      is_active: 1,
      has_usable_password: 1,
    },
    {
      id: 3,
      username: "chloé",
      email: "chloe@example.com",
      name: "Chloé Ünal",
      is_active: 0,
      has_usable_password: 0,
    },
  ]);
});

Deno.test("users import reads mysql --batch output with NULL, \\N and escapes", async () => {
  using db = memoryDb();
  await importText(db, "users", await testdata("users_mysql.tsv"), {
    file: "users_mysql.tsv",
  });
  assert.deepEqual(
    query(db, "SELECT id, name, is_active FROM users ORDER BY id"),
    [
      { id: 1, name: null, is_active: 1 },
      { id: 2, name: 'Bob "the" \\ builder\tjr', is_active: 0 },
      { id: 3, name: null, is_active: 1 },
    ],
  );
});

Deno.test("users import lists every bad row by line and column and changes nothing", async () => {
  using db = memoryDb();
  await importText(db, "users", "id,username,email\n7,keep,keep@example.com\n");
  const before = snapshot(db);
  const error = await dataError(
    importText(db, "users", await testdata("users_bad.csv"), {
      file: "users_bad.csv",
    }),
  );
  assert.equal(
    error.message,
    'Cannot import "users_bad.csv": 7 bad rows, nothing imported',
  );
  assert.deepEqual(error.details, [
    'line 2, column "id": "-3" is not a positive integer',
    'line 3, column "id": "1.5" is not a positive integer',
    'line 4, column "id": "9007199254740993" is larger than 2^53-1',
    'line 5, column "email": "noat.example.com" is not an email address',
    'line 6, column "is_active": "maybe" is not a boolean (true/false, 1/0, yes/no, t/f)',
    "line 7: duplicate user id 5 (first on line 6)",
    'line 8, column "username": is empty',
  ]);
  assert.equal(snapshot(db), before);
});

Deno.test("users import accepts the largest id, 2^53-1", async () => {
  using db = memoryDb();
  await importText(
    db,
    "users",
    "id,username,email\n9007199254740991,max,max@example.com\n",
  );
  assert.deepEqual(query(db, "SELECT id FROM users"), [{
    id: 9007199254740991,
  }]);
});

Deno.test("users import is an upsert: changes count as updated, repeats as unchanged", async () => {
  using db = memoryDb();
  const file =
    "id,username,email,name\n1,a,a@example.com,Ann\n2,b,b@example.com,\n";
  const first = await importText(db, "users", file);
  const second = await importText(db, "users", file);
  assert.deepEqual([first.inserted, first.updated, first.unchanged], [2, 0, 0]);
  assert.deepEqual([second.inserted, second.updated, second.unchanged], [
    0,
    0,
    2,
  ]);
  const third = await importText(
    db,
    "users",
    "id,username,email,name\n1,a,new@example.com,Ann\n",
  );
  assert.deepEqual([third.inserted, third.updated, third.unchanged], [0, 1, 0]);
  assert.equal(
    query(db, "SELECT email FROM users WHERE id = 1")[0]!.email,
    "new@example.com",
  );
});

Deno.test("users import keeps stored values of absent columns and defaults empty cells", async () => {
  using db = memoryDb();
  await importText(
    db,
    "users",
    "id,username,email,name,is_active\n1,a,a@example.com,Ann,false\n",
  );
  await importText(db, "users", "id,username,email\n1,a,a@example.com\n");
  assert.deepEqual(query(db, "SELECT name, is_active FROM users"), [
    { name: "Ann", is_active: 0 },
  ]);
  await importText(
    db,
    "users",
    "id,username,email,name,is_active\n1,a,a@example.com,,\n",
  );
  assert.deepEqual(query(db, "SELECT name, is_active FROM users"), [
    { name: null, is_active: 1 },
  ]);
});

Deno.test("users import names a missing required column and changes nothing", async () => {
  using db = memoryDb();
  const error = await dataError(
    importText(db, "users", "id,name\n1,x\n", { file: "u.csv" }),
  );
  assert.equal(
    error.message,
    'Cannot import "u.csv": required columns "username", "email" missing from the header',
  );
  assert.deepEqual(query(db, "SELECT * FROM users"), []);
});

Deno.test("users import warns once about unknown columns", async () => {
  using db = memoryDb();
  const result = await importText(
    db,
    "users",
    "id,username,email,shoe_size,favourite\n1,a,a@example.com,42,x\n2,b,b@example.com,43,y\n",
    { file: "u.csv" },
  );
  assert.deepEqual(result.warnings, [
    '"u.csv": ignoring unknown columns "shoe_size", "favourite"',
  ]);
  assert.equal(result.inserted, 2);
});

Deno.test("users import in a dry run reports the changes and makes none", async () => {
  using db = memoryDb();
  const result = await importText(
    db,
    "users",
    "id,username,email\n1,a,a@example.com\n",
    { dryRun: true },
  );
  assert.equal(result.dry_run, true);
  assert.equal(result.inserted, 1);
  assert.deepEqual(query(db, "SELECT * FROM users"), []);
});
