import assert from "node:assert/strict";
import {
  csvLine,
  csvQuote,
  csvValue,
  formatRows,
} from "../../src/export/format.ts";

Deno.test("csvValue() writes booleans, numbers, null and lists", () => {
  assert.equal(csvValue(true), "true");
  assert.equal(csvValue(false), "false");
  assert.equal(csvValue(null), "");
  assert.equal(csvValue(49.5), "49.5");
  assert.equal(csvValue(["a", "b"]), "a|b");
});

Deno.test("csvQuote() quotes delimiters, quotes, line breaks and NULL look-alikes", () => {
  assert.equal(csvQuote("plain"), "plain");
  assert.equal(csvQuote("a,b"), '"a,b"');
  assert.equal(csvQuote('say "hi"'), '"say ""hi"""');
  assert.equal(csvQuote("two\nlines"), '"two\nlines"');
  assert.equal(csvQuote("semi;colon"), '"semi;colon"');
  assert.equal(csvQuote("NULL"), '"NULL"');
  assert.equal(csvQuote("\\N"), '"\\N"');
  assert.equal(csvQuote("Zoë"), "Zoë");
});

Deno.test("csvLine() joins quoted cells with commas", () => {
  assert.equal(csvLine(["a", null, 3, true, "x,y"]), 'a,,3,true,"x,y"');
});

Deno.test("formatRows() writes CSV with a header and JSON with one object per line", () => {
  const rows = [{ a: 1, b: "x" }, { a: 2, b: null }];
  assert.deepEqual([...formatRows(["a", "b"], rows, "csv")], [
    "a,b",
    "1,x",
    "2,",
  ]);
  const json = [...formatRows(["a", "b"], rows, "json")];
  assert.deepEqual(json, ["[", '{"a":1,"b":"x"},', '{"a":2,"b":null}', "]"]);
  assert.deepEqual(JSON.parse(json.join("\n")), [{ a: 1, b: "x" }, {
    a: 2,
    b: null,
  }]);
  assert.deepEqual([...formatRows(["a"], [], "json")], ["[", "]"]);
});
