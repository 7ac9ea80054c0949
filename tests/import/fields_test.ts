import assert from "node:assert/strict";
import {
  boolCell,
  choose,
  dateCell,
  parseBool,
  parseEmail,
  parseId,
  RowError,
  textCell,
  verbatimCell,
} from "../../src/import/fields.ts";

Deno.test("parseBool() accepts true/false, 1/0, yes/no, t/f in any case", () => {
  for (const text of ["true", "TRUE", "1", "yes", "Yes", "t", "T"]) {
    assert.equal(parseBool(text), true, text);
  }
  for (const text of ["false", "False", "0", "no", "NO", "f", "F"]) {
    assert.equal(parseBool(text), false, text);
  }
  for (const text of ["y", "n", "2", "on", "truthy", ""]) {
    assert.throws(() => parseBool(text), RangeError, text);
  }
});

Deno.test("parseId() takes positive integers up to 2^53-1 only", () => {
  assert.equal(parseId("1"), 1);
  assert.equal(parseId("9007199254740991"), 9007199254740991);
  for (
    const text of [
      "0",
      "-1",
      "1.0",
      "1.5",
      "1e3",
      "abc",
      "9007199254740992",
      " 1",
    ]
  ) {
    assert.throws(() => parseId(text), RangeError, text);
  }
});

Deno.test("parseEmail() needs an @ between two non-empty parts", () => {
  assert.equal(parseEmail("a@b"), "a@b");
  for (const text of ["ab", "@b", "a@", "a b@c", "a@b@c"]) {
    assert.throws(() => parseEmail(text), RangeError, text);
  }
});

Deno.test("cell readers tell an absent column from an empty cell", () => {
  const record = {
    line: 2,
    values: { a: "", b: "  x ", c: " yes ", d: "2026-02-30" },
  };
  assert.equal(textCell(record, "missing"), undefined);
  assert.equal(textCell(record, "a"), null);
  assert.equal(textCell(record, "b"), "x");
  assert.equal(verbatimCell(record, "b"), "  x ");
  assert.equal(boolCell(record, "c"), true);
  assert.throws(() => dateCell(record, "d"), (error: unknown) => {
    assert.ok(error instanceof RowError);
    assert.equal(error.column, "d");
    assert.equal(error.message, '"2026-02-30" is not a valid date');
    return true;
  });
});

Deno.test("choose() keeps stored values for absent columns and defaults empty cells", () => {
  assert.equal(choose(undefined, 5, 1), 5);
  assert.equal(choose(undefined, undefined, 1), 1);
  assert.equal(choose(null, 5, 1), 1);
  assert.equal(choose(7, 5, 1), 7);
});
