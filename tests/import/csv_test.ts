import assert from "node:assert/strict";
import {
  type CsvRow,
  detectDelimiter,
  openCsv,
  parseCsvText,
} from "../../src/import/csv.ts";
import { DataError } from "../../src/errors.ts";
import { streamOf } from "./_support.ts";

async function readAll(
  input: string | Uint8Array,
  chunkSize = 65536,
): Promise<{ header: string[]; rows: CsvRow[]; delimiter: string }> {
  const csv = await openCsv(streamOf(input, chunkSize), { name: "t.csv" });
  const rows: CsvRow[] = [];
  for await (const batch of csv.batches) rows.push(...batch);
  return { header: csv.header, rows, delimiter: csv.delimiter };
}

const CASES: {
  name: string;
  input: string;
  header: string[];
  rows: [number, string[]][];
}[] = [
  {
    name: "comma, LF",
    input: "a,b\n1,2\n3,4\n",
    header: ["a", "b"],
    rows: [[2, ["1", "2"]], [3, ["3", "4"]]],
  },
  {
    name: "semicolon, CRLF, no final line end",
    input: "a;b\r\n1;2\r\n3;4",
    header: ["a", "b"],
    rows: [[2, ["1", "2"]], [3, ["3", "4"]]],
  },
  {
    name: "mixed line ends and a lone CR",
    input: "a,b\r\n1,2\n3,4\r5,6\r\n",
    header: ["a", "b"],
    rows: [[2, ["1", "2"]], [3, ["3", "4"]], [4, ["5", "6"]]],
  },
  {
    name: "BOM is dropped from the first header name",
    input: "\uFEFFid,name\n1,x\n",
    header: ["id", "name"],
    rows: [[2, ["1", "x"]]],
  },
  {
    name: "quoted fields with delimiters, doubled quotes and line breaks",
    input: 'a,b\n"x,y","say ""hi"""\n"two\nlines","three\r\nlines"\n7,8\n',
    header: ["a", "b"],
    rows: [
      [2, ["x,y", 'say "hi"']],
      [3, ["two\nlines", "three\r\nlines"]],
      [6, ["7", "8"]],
    ],
  },
  {
    name: "semicolon file with quoted semicolons",
    input: 'a;b\n"1;2";3\n',
    header: ["a", "b"],
    rows: [[2, ["1;2", "3"]]],
  },
  {
    name: "unquoted NULL and \\N are empty, quoted ones are text",
    input: 'a,b,c,d\nNULL,\\N,"NULL","\\N"\n',
    header: ["a", "b", "c", "d"],
    rows: [[2, ["", "", "NULL", "\\N"]]],
  },
  {
    name: "mysql --batch: escapes decoded, quotes ordinary, NULL and \\N empty",
    input:
      'id\tname\tnote\n1\tsay "hi"\tline\\nnext\\ttab\\\\slash\\0end\n2\tNULL\t\\N\n3\t\\\\N\tNULLs\n',
    header: ["id", "name", "note"],
    rows: [
      [2, ["1", 'say "hi"', "line\nnext\ttab\\slash\0end"]],
      [3, ["2", "", ""]],
      [4, ["3", "\\N", "NULLs"]],
    ],
  },
  {
    name: "blank lines are skipped but counted",
    input: "a\n1\n\n\r\n2\n\n",
    header: ["a"],
    rows: [[2, ["1"]], [5, ["2"]]],
  },
  {
    name: "non-ASCII text",
    input: "name,city\nZoë,Zürich\n李,東京\n",
    header: ["name", "city"],
    rows: [[2, ["Zoë", "Zürich"]], [3, ["李", "東京"]]],
  },
  {
    name: "header names are trimmed, empty cells kept",
    input: " a , b ,c\n,,\n",
    header: ["a", "b", "c"],
    rows: [[2, ["", "", ""]]],
  },
];

for (const c of CASES) {
  Deno.test(`openCsv() reads ${c.name}`, async () => {
    for (const chunkSize of [65536, 1, 3]) {
      const { header, rows } = await readAll(c.input, chunkSize);
      assert.deepEqual(header, c.header, `chunk ${chunkSize}`);
      assert.deepEqual(
        rows.map((row) => [row.line, row.cells]),
        c.rows,
        `chunk ${chunkSize}`,
      );
    }
  });
}

Deno.test("openCsv() decodes multi-byte characters split across chunks", async () => {
  const { rows } = await readAll("a\n€uro ✓\n", 1);
  assert.deepEqual(rows[0]!.cells, ["€uro ✓"]);
});

Deno.test("detectDelimiter() picks the most frequent of , ; and tab", () => {
  assert.equal(detectDelimiter("a,b,c"), ",");
  assert.equal(detectDelimiter("a;b;c"), ";");
  assert.equal(detectDelimiter("a\tb\tc"), "\t");
  assert.equal(detectDelimiter("name;note,with comma;x"), ";");
  assert.equal(detectDelimiter("single"), ",");
});

async function assertDataError(
  input: string | Uint8Array,
  pattern: RegExp,
): Promise<void> {
  await assert.rejects(() => readAll(input), (error: unknown) => {
    assert.ok(error instanceof DataError, String(error));
    assert.match(error.message, pattern);
    return true;
  });
}

Deno.test("openCsv() rejects an empty file", async () => {
  await assertDataError("", /"t\.csv": the file is empty/);
  await assertDataError("\uFEFF", /the file is empty/);
});

Deno.test("openCsv() rejects a file without a header row", async () => {
  await assertDataError("\n1,2\n", /has no header row/);
  await assertDataError("\r\n", /has no header row/);
});

Deno.test("openCsv() rejects invalid UTF-8", async () => {
  const bytes = new Uint8Array([0x61, 0x0a, 0x62, 0xff, 0xfe, 0x0a]);
  await assertDataError(bytes, /not valid UTF-8/);
});

Deno.test("openCsv() rejects an unclosed quoted field naming its line", async () => {
  await assertDataError(
    'a,b\n1,2\n3,"open\nstill open\n',
    /quoted field starting on line 3 is not closed/,
  );
});

Deno.test("openCsv() rejects text after a closing quote", async () => {
  await assertDataError('a,b\n"x"y,2\n', /line 2 .*after the closing quote/);
});

Deno.test("openCsv() refuses a 10 MB line with a bounded error", async () => {
  const huge = "a\n" + "x".repeat(10 * 1024 * 1024) + "\n";
  await assertDataError(huge, /line 2 .*longer than 1048576 characters/);
  await assertDataError("x".repeat(10 * 1024 * 1024), /line 1/);
});

Deno.test("parseCsvText() parses a whole text with the same rules", () => {
  const { header, rows } = parseCsvText('\uFEFFa;b\r\n"1;x";2\r\n', {
    name: "t.csv",
  });
  assert.deepEqual(header, ["a", "b"]);
  assert.deepEqual(rows, [{ line: 2, cells: ["1;x", "2"] }]);
});
