import assert from "node:assert/strict";
import { DataError } from "../../src/errors.ts";
import { ImportSession, MAX_LISTED_ROWS } from "../../src/import/session.ts";
import { memoryDb } from "./_support.ts";

Deno.test("ImportSession lists the first bad rows by line, whatever order they come in", () => {
  using db = memoryDb();
  const session = new ImportSession(db, "enrollments", {
    file: "e.csv",
    now: 0,
  });
  // Rows 100, 102, … in order, then rows found late (as repeated pairs of a first load are).
  for (let line = 100; line < 300; line += 2) {
    session.bad(line, "created", "is empty");
  }
  for (const line of [251, 61, 99, 1000]) {
    session.bad(line, null, `late ${line}`);
  }
  assert.equal(session.badRows, 104);
  let error: unknown;
  try {
    session.throwIfBad();
  } catch (caught) {
    error = caught;
  }
  assert.ok(error instanceof DataError);
  assert.equal(
    error.message,
    'Cannot import "e.csv": 104 bad rows, nothing imported',
  );
  assert.equal(error.details.length, MAX_LISTED_ROWS + 1);
  assert.deepEqual(error.details.slice(0, 3), [
    "line 61: late 61",
    "line 99: late 99",
    'line 100, column "created": is empty',
  ]);
  assert.equal(
    error.details[MAX_LISTED_ROWS - 1],
    'line 194, column "created": is empty',
  );
  assert.equal(error.details[MAX_LISTED_ROWS], "… and 54 more bad rows");
});
