/**
 * Property tests of the input decoder (src/import/_utf8.ts, used by every CSV kind and config):
 * whatever the chunking, valid text comes out unchanged (BOM dropped), and a file with invalid
 * UTF-8 or a NUL byte is refused naming the line and byte where the bad bytes start.
 */
import { equal, ok, rejects } from "node:assert/strict";
import fc from "fast-check";
import { decodeUtf8 } from "../../src/import/csv.ts";
import { DataError } from "../../src/errors.ts";
import { importText, memoryDb, streamOf } from "../import/_support.ts";
import { dumpStore } from "./_support.ts";

const RUNS = 200;

const text = fc.string({
  unit: fc.constantFrom("a", ",", "é", "€", "😀", "\n", "\r\n", "\r", " "),
  maxLength: 40,
});

/** Byte sequences that are not UTF-8, each bad from its first byte on. */
const BAD: readonly number[][] = [
  [0xff],
  [0xfe, 0xff],
  [0x80],
  [0xc3, 0x41],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x28, 0xa1],
];

const encode = (s: string) => new TextEncoder().encode(s);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The line of the character after `before` (LF, CRLF and a lone CR end a line). */
function lineAfter(before: string): number {
  return 1 + (before.match(/\r\n|\r|\n/g) ?? []).length;
}

async function decodeAll(bytes: Uint8Array, chunk: number): Promise<string> {
  let out = "";
  for await (const piece of decodeUtf8(streamOf(bytes, chunk), "f.csv")) {
    out += piece;
  }
  return out;
}

async function messageOf(bytes: Uint8Array, chunk: number): Promise<string> {
  try {
    await decodeAll(bytes, chunk);
  } catch (error) {
    ok(error instanceof DataError, String(error));
    return error.message;
  }
  throw new Error("decoded without an error");
}

Deno.test("decodeUtf8() gives back valid text unchanged whatever the chunk size", async () => {
  await fc.assert(
    fc.asyncProperty(
      text,
      fc.boolean(),
      fc.integer({ min: 1, max: 9 }),
      async (s, bom, chunk) => {
        const bytes = concat(encode(bom ? "\uFEFF" : ""), encode(s));
        equal(await decodeAll(bytes, chunk), s);
      },
    ),
    { numRuns: RUNS },
  );
});

Deno.test("decodeUtf8() names the line and byte where invalid UTF-8 starts, whatever the chunk size", async () => {
  await fc.assert(
    fc.asyncProperty(
      text,
      fc.constantFrom(...BAD),
      text,
      fc.boolean(),
      fc.integer({ min: 1, max: 9 }),
      async (before, bad, after, bom, chunk) => {
        const head = concat(encode(bom ? "\uFEFF" : ""), encode(before));
        const bytes = concat(head, new Uint8Array(bad), encode(after));
        equal(
          await messageOf(bytes, chunk),
          `Cannot read "f.csv": it is not valid UTF-8 (line ${
            lineAfter(before)
          }, byte ${head.length + 1})`,
        );
      },
    ),
    { numRuns: RUNS },
  );
});

Deno.test("decodeUtf8() names where a file ends inside a character", async () => {
  await fc.assert(
    fc.asyncProperty(
      text,
      fc.constantFrom([0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98]),
      fc.integer({ min: 1, max: 9 }),
      async (before, cut, chunk) => {
        const head = encode(before);
        equal(
          await messageOf(concat(head, new Uint8Array(cut)), chunk),
          `Cannot read "f.csv": it is not valid UTF-8 (line ${
            lineAfter(before)
          }, byte ${head.length + 1})`,
        );
      },
    ),
    { numRuns: RUNS },
  );
});

Deno.test("decodeUtf8() refuses a NUL byte naming its line and byte, whatever the chunk size", async () => {
  await fc.assert(
    fc.asyncProperty(
      text,
      text,
      fc.integer({ min: 1, max: 9 }),
      async (before, after, chunk) => {
        const head = encode(before);
        const bytes = concat(head, new Uint8Array([0]), encode(after));
        equal(
          await messageOf(bytes, chunk),
          `Cannot read "f.csv": it holds a NUL byte, so it is not a text file (line ${
            lineAfter(before)
          }, byte ${head.length + 1})`,
        );
      },
    ),
    { numRuns: RUNS },
  );
});

Deno.test("config and CSV imports refuse invalid UTF-8 and NUL bytes, changing nothing", async () => {
  using db = memoryDb();
  await importText(db, "users", "id,username,email\n1,a,a@example.com\n");
  const before = dumpStore(db);
  const cases: [string, Uint8Array, RegExp][] = [
    [
      "users",
      concat(encode("id,username,email\n2,b,b@"), new Uint8Array([0xff])),
      /^Cannot read "users\.csv": it is not valid UTF-8 \(line 2, byte 25\)$/,
    ],
    [
      "enrollments",
      concat(encode("user_id,course_id,created\r\n1,x"), new Uint8Array([0])),
      /^Cannot read "enrollments\.csv": it holds a NUL byte.*\(line 2, byte 31\)$/,
    ],
    [
      "config",
      concat(
        encode('{\n  "platform": {\n    "platform_name": "'),
        new Uint8Array([0xc3, 0x28]),
        encode('"}}'),
      ),
      /^Cannot read "config\.json": it is not valid UTF-8 \(line 3, byte 41\)$/,
    ],
  ];
  for (const [kind, bytes, pattern] of cases) {
    const file = kind === "config" ? "config.json" : `${kind}.csv`;
    await rejects(importText(db, kind, bytes, { file }), (error: unknown) => {
      ok(error instanceof DataError);
      ok(pattern.test(error.message), error.message);
      return true;
    });
    equal(dumpStore(db), before);
  }
});
