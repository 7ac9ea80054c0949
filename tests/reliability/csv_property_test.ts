/**
 * Property tests of the CSV importers (issue 6, "Bad input"): generated users and enrollments
 * files, valid and invalid cells mixed, every delimiter, quoting, BOM and line end. Each file
 * either imports cleanly — and then export → import into a fresh store → export gives the same
 * text, and importing it again changes nothing — or is refused with a DataError naming the file
 * that leaves the database byte for byte as it was.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import fc from "fast-check";
import { parseDateTime } from "../../src/domain/dates.ts";
import { DataError } from "../../src/errors.ts";
import type { Store } from "../../src/store/db.ts";
import { importText, memoryDb } from "../import/_support.ts";
import { testdata } from "../import/_support_assert.ts";
import { assertRoundTrip, dumpStore, exported } from "./_support.ts";

const NOW = parseDateTime("2026-03-01T00:00:00Z");
const RUNS = 200;

// ---------------------------------------------------------------------------------------------
// Cells

/** A generated cell: its text, whether it is written without quoting or escaping, and (a
 * valid `created` cell) the instant it means. */
interface Cell {
  text: string;
  raw?: boolean;
  at?: number;
}

const cell = (arb: fc.Arbitrary<string>) => arb.map((text): Cell => ({ text }));

/** Free text with every character a CSV writer must take care of. */
const freeText = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      "a",
      "Z",
      "é",
      "漢",
      "😀",
      " ",
      ",",
      ";",
      '"',
      "\t",
      "\n",
      "\r\n",
      "\r",
      "\\",
      "N",
      "-->",
      "<b>",
    ),
    maxLength: 12,
  }),
  fc.constantFrom("NULL", "\\N", "", "  ", '"quoted"', "a,b;c", "nul\0char"),
);

const validId = (max: number) => fc.integer({ min: 1, max }).map(String);
const invalidId = fc.constantFrom(
  "-1",
  "0",
  "-0",
  "1.5",
  "2.0",
  "1e3",
  "0x10",
  "9007199254740992",
  "99999999999999999999",
  "abc",
  "١٢",
  "",
);

const emailPart = fc.string({
  unit: fc.constantFrom("a", "b", "1", ".", "-", "+", ",", ";", '"', "é"),
  minLength: 1,
  maxLength: 6,
});
const validEmail = fc.tuple(emailPart, emailPart).map(([a, b]) => `${a}@${b}`);
const invalidEmail = fc.constantFrom(
  "no-at-sign",
  "a@",
  "@b",
  "a b@c",
  "a@b@c",
  "",
);

const BOOLEAN_WORDS = ["true", "false", "1", "0", "yes", "no", "t", "f"];
const validBool = fc.oneof(
  fc.mixedCase(fc.constantFrom(...BOOLEAN_WORDS)),
  fc.constant(""),
);
const invalidBool = fc.constantFrom(
  "2",
  "-1",
  "maybe",
  "tru",
  "y",
  "n",
  "on",
  "off",
  "NaN",
);

/** A valid ISO 8601 datetime in one of the accepted spellings, with the instant it means. */
const validDate: fc.Arbitrary<{ text: string; at: number }> = fc.record({
  ms: fc.integer({
    min: Date.UTC(1970, 0, 1),
    max: Date.UTC(2100, 11, 31, 23, 59, 59, 999),
  }),
  style: fc.constantFrom("iso", "seconds", "minutes", "date", "offset", "frac"),
  offset: fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
  digits: fc.string({
    unit: fc.constantFrom(..."0123456789"),
    minLength: 1,
    maxLength: 9,
  }),
  space: fc.boolean(),
}).map(({ ms, style, offset, digits, space }) => {
  const iso = new Date(ms).toISOString();
  const second = Math.floor(ms / 1000) * 1000;
  const sep = (text: string) => space ? text.replace("T", " ") : text;
  switch (style) {
    case "iso":
      return { text: iso, at: ms };
    case "seconds":
      return { text: sep(iso.slice(0, 19)), at: second };
    case "minutes":
      return {
        text: sep(iso.slice(0, 16)),
        at: Math.floor(ms / 60000) * 60000,
      };
    case "date":
      return { text: iso.slice(0, 10), at: Date.UTC(...ymd(iso)) };
    case "offset": {
      const local = new Date(second + offset * 60000).toISOString().slice(
        0,
        19,
      );
      return { text: sep(local) + formatOffset(offset), at: second };
    }
    default:
      return {
        text: `${sep(iso.slice(0, 19))}.${digits}Z`,
        at: second + Number((digits + "000").slice(0, 3)),
      };
  }
});

function ymd(iso: string): [number, number, number] {
  return [
    Number(iso.slice(0, 4)),
    Number(iso.slice(5, 7)) - 1,
    Number(iso.slice(8, 10)),
  ];
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  return `${sign}${hh}:${String(abs % 60).padStart(2, "0")}`;
}

const invalidDate = fc.constantFrom(
  "2026-02-30",
  "2026-02-29",
  "2025-06-31",
  "2026-13-01",
  "2026-00-10",
  "2026-1-5",
  "2026/01/05",
  "05.01.2026",
  "2026-01-05T25:00:00Z",
  "2026-01-05T10:60:00Z",
  "2026-01-05T10:00:00+25:00",
  "yesterday",
  "",
);

/** `valid` most of the time in a clean file; in a dirty one, `invalid` now and then. */
function mixed(
  dirty: boolean,
  valid: fc.Arbitrary<Cell>,
  invalid: fc.Arbitrary<Cell>,
): fc.Arbitrary<Cell> {
  return dirty
    ? fc.oneof({ weight: 4, arbitrary: valid }, {
      weight: 1,
      arbitrary: invalid,
    })
    : valid;
}

// ---------------------------------------------------------------------------------------------
// Files

/** How a file is written. */
interface Layout {
  delimiter: "," | ";" | "\t";
  bom: boolean;
  eol: "\n" | "\r\n";
  finalEol: boolean;
  /** Quote every cell of a `,`/`;` file, not only those that need it. */
  quoteAll: boolean;
}

const layout: fc.Arbitrary<Layout> = fc.record({
  delimiter: fc.constantFrom(",", ";", "\t"),
  bom: fc.boolean(),
  eol: fc.constantFrom("\n", "\r\n"),
  finalEol: fc.boolean(),
  quoteAll: fc.boolean(),
});

function writeCell(value: Cell, l: Layout): string {
  if (value.raw) return value.text;
  if (l.delimiter === "\t") {
    // mysql --batch escapes; `"` is an ordinary character there.
    return value.text.replace(
      /[\\\t\n\r\0]/g,
      (c) =>
        ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\0": "\\0" })[
          c
        ]!,
    );
  }
  const special = /["\r\n]/.test(value.text) ||
    value.text.includes(l.delimiter);
  return special || l.quoteAll
    ? `"${value.text.replaceAll('"', '""')}"`
    : value.text;
}

/** The bytes of a file with this header and rows. */
function writeFile(header: string[], rows: Cell[][], l: Layout): string {
  const lines = [
    header.join(l.delimiter),
    ...rows.map((r) => r.map((c) => writeCell(c, l)).join(l.delimiter)),
  ];
  return (l.bom ? "\uFEFF" : "") + lines.join(l.eol) +
    (l.finalEol ? l.eol : "");
}

/** A generated file of one kind. */
interface Generated {
  text: string;
  /** Per data row: the instant its `created` cell means, when it is valid (enrollments). */
  created: (number | null)[];
}

/** Header columns: the required ones, a random subset of the optional ones, shuffled. */
function headerOf(
  required: string[],
  optional: string[],
  dirty: boolean,
): fc.Arbitrary<string[]> {
  return fc.record({
    picked: fc.subarray(optional),
    unknown: fc.boolean(),
    dropRequired: dirty
      ? fc.integer({ min: -8, max: required.length - 1 })
      : fc.constant(-1),
  }).chain(({ picked, unknown, dropRequired }) => {
    const columns = [
      ...required.filter((_, i) => i !== dropRequired),
      ...picked,
      ...(unknown ? ["notes"] : []),
    ];
    return fc.shuffledSubarray(columns, {
      minLength: columns.length,
      maxLength: columns.length,
    });
  });
}

/** Rows for a header, each cell from `cellFor`; a dirty file may get a wrong field count. */
function rowsOf(
  header: string[],
  dirty: boolean,
  cellFor: (column: string) => fc.Arbitrary<Cell>,
): fc.Arbitrary<Cell[][]> {
  const row = fc.tuple(
    fc.tuple(...header.map(cellFor)),
    dirty ? fc.integer({ min: -1, max: 12 }) : fc.constant(0),
    cell(freeText).map((c): Cell => ({ text: c.text + "x" })),
  ).map(([cells, damage, extra]) => {
    if (damage === -1) return cells.slice(0, -1);
    if (damage === 12) return [...cells, extra];
    return cells;
  });
  return fc.array(row, { maxLength: 6 });
}

/** Now and then, in a dirty file, a cell written without quoting (may break the record). */
function maybeRaw(dirty: boolean, arb: fc.Arbitrary<Cell>): fc.Arbitrary<Cell> {
  if (!dirty) return arb;
  return fc.tuple(arb, fc.integer({ min: 0, max: 15 })).map(([c, n]) =>
    n === 0 ? { ...c, raw: true } : c
  );
}

function usersCell(dirty: boolean, column: string): fc.Arbitrary<Cell> {
  switch (column) {
    case "id":
      return mixed(dirty, cell(validId(12)), cell(invalidId));
    case "username":
      return mixed(
        dirty,
        cell(freeText.filter((t) => t.trim() !== "").map((t) => t + "u")),
        cell(fc.constantFrom("", "  ", "NULL")),
      );
    case "email":
      return mixed(dirty, cell(validEmail), cell(invalidEmail));
    case "is_active":
    case "has_usable_password":
      return mixed(dirty, cell(validBool), cell(invalidBool));
    default:
      return cell(freeText);
  }
}

const COURSES = [
  "course-v1:ExampleX+SP101+2026",
  "course-v1:ExampleX+IP101+2026",
  "ExampleX/OLD/2014",
  "course-v1:ExampleX+NOSTART+1",
];

function enrollmentCell(dirty: boolean, column: string): fc.Arbitrary<Cell> {
  switch (column) {
    case "user_id":
      return mixed(dirty, cell(validId(14)), cell(invalidId));
    case "course_id":
      return mixed(
        dirty,
        cell(fc.constantFrom(...COURSES)),
        cell(
          fc.constantFrom(
            "course-v1:Other+X+1",
            "not a key",
            "course-v1:A+B",
            "../../etc/passwd",
            "",
          ),
        ),
      );
    case "mode":
      return cell(
        fc.constantFrom(
          "audit",
          "verified",
          "honor",
          "VERIFIED",
          "",
          "no-id-professional",
        ),
      );
    case "is_active":
      return mixed(dirty, cell(validBool), cell(invalidBool));
    default:
      return usersCell(
        dirty,
        column === "username" || column === "email" ? column : "name",
      );
  }
}

function enrollmentOrDate(dirty: boolean, column: string): fc.Arbitrary<Cell> {
  if (column !== "created") return enrollmentCell(dirty, column);
  return mixed(
    dirty,
    validDate.map((d): Cell => ({ text: d.text, at: d.at })),
    cell(invalidDate),
  );
}

/** Files of one kind: a header from its columns, rows of cells from `cellFor`, a layout. */
function fileOf(
  required: string[],
  optional: string[],
  cellFor: (dirty: boolean, column: string) => fc.Arbitrary<Cell>,
): fc.Arbitrary<Generated> {
  return fc.tuple(fc.boolean(), layout).chain(([dirty, l]) =>
    headerOf(required, optional, dirty).chain((header) =>
      rowsOf(header, dirty, (c) => maybeRaw(dirty, cellFor(dirty, c))).map(
        (rows) => ({
          text: writeFile(header, rows, l),
          created: rows.map((r) => r[header.indexOf("created")]?.at ?? null),
        }),
      )
    )
  );
}

const usersFile = fileOf(
  ["id", "username", "email"],
  ["name", "is_active", "has_usable_password"],
  usersCell,
);

const enrollmentsFile = fileOf(
  ["user_id", "course_id", "created"],
  ["mode", "is_active", "username", "email", "name"],
  enrollmentOrDate,
);

// ---------------------------------------------------------------------------------------------
// The property

/** The store every generated file is imported into: config, three users, four courses, modes. */
async function seeded(): Promise<Store> {
  const db = memoryDb();
  await importText(db, "config", await testdata("config.json"), { now: NOW });
  await importText(
    db,
    "users",
    "id,username,email,name\n1,alice,alice@example.com,Alice\n2,bob,bob@example.com,\n3,carol,carol@example.com,Carol C\n",
    { now: NOW },
  );
  await importText(db, "courses", await testdata("courses.csv"), { now: NOW });
  await importText(
    db,
    "courses",
    "id,display_name\ncourse-v1:ExampleX+NOSTART+1,No start\n",
    { now: NOW },
  );
  await importText(db, "modes", await testdata("modes.csv"), { now: NOW });
  return db;
}

/** Counts of each outcome, so a run that never imports (or never rejects) fails. */
interface Outcomes {
  imported: number;
  rejected: number;
}

async function check(
  kind: string,
  file: Generated,
  outcomes: Outcomes,
): Promise<void> {
  using db = await seeded();
  const before = dumpStore(db);
  const name = `${kind}.csv`;
  try {
    await importText(db, kind, file.text, {
      file: name,
      now: NOW,
      chunkSize: 7,
    });
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    ok(error.message.includes(`"${name}"`), error.message);
    equal(dumpStore(db), before, "a refused file changes nothing");
    outcomes.rejected++;
    return;
  }
  outcomes.imported++;
  if (kind === "enrollments") assertCreated(db, file);
  await assertRoundTrip(db, NOW);
  const after = dumpStore(db);
  const again = await importText(db, kind, file.text, { file: name, now: NOW });
  deepEqual([again.inserted, again.updated], [0, 0], "the same file twice");
  equal(dumpStore(db), after, "importing the same file again changes nothing");
}

/** Every enrollment (all new: the seed has none) stores the instant its `created` cell means. */
function assertCreated(db: Store, file: Generated): void {
  const lines = exported(db, "enrollments").trim().split("\n").slice(1);
  const stored = lines.map((line) => parseDateTime(line.split(",").at(-3)!));
  deepEqual(stored, file.created, "created as written");
}

async function runProperty(
  kind: string,
  arb: fc.Arbitrary<Generated>,
): Promise<Outcomes> {
  const outcomes: Outcomes = { imported: 0, rejected: 0 };
  await fc.assert(
    fc.asyncProperty(arb, (file) => check(kind, file, outcomes)),
    { numRuns: RUNS },
  );
  return outcomes;
}

Deno.test("users import: any generated file imports and round-trips, or is refused changing nothing", async () => {
  const outcomes = await runProperty("users", usersFile);
  ok(outcomes.imported >= RUNS / 10, `imported ${outcomes.imported}`);
  ok(outcomes.rejected >= RUNS / 10, `rejected ${outcomes.rejected}`);
});

Deno.test("enrollments import: any generated file imports and round-trips, or is refused changing nothing", async () => {
  const outcomes = await runProperty("enrollments", enrollmentsFile);
  ok(outcomes.imported >= RUNS / 10, `imported ${outcomes.imported}`);
  ok(outcomes.rejected >= RUNS / 10, `rejected ${outcomes.rejected}`);
});

// Fails today (see the report of issue 6): parseDateTime() in src/domain/dates.ts builds the
// instant with Date.UTC(), which reads years 0–99 as 1900–1999, so "0099-06-01" is stored as
// 1999-06-01 — a valid-looking wrong date. The property above keeps to years 1970–2100 until
// then. Fix: set the year with setUTCFullYear() (also in daysInMonth()), or refuse years < 1000.
Deno.test({
  name: "enrollments import keeps a date before the year 100 as written",
  fn: async () => {
    using db = await seeded();
    await importText(
      db,
      "enrollments",
      "user_id,course_id,created\n1,course-v1:ExampleX+SP101+2026,0099-06-01\n",
      { now: NOW },
    );
    equal(
      exported(db, "enrollments").split("\n")[1]!.split(",")[2],
      "0099-06-01T00:00:00.000Z",
    );
  },
});
