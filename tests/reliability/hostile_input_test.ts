/**
 * Hostile input through the real CLI (issue 6, "Bad input"): every input path — each CSV kind,
 * config JSON, translations, OLX, the send options — given malformed data exits 2 with one
 * `error:` line naming the file (and line where there is one), at most 50 indented detail
 * lines, no stack trace, and leaves the database exactly as it was. Big and binary files are
 * built at run time in a temp folder; small ones live in tests/testdata/hostile.
 */
import { equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { REPO_ROOT, runCli } from "../_support/cli.ts";
import { demoDb } from "../_support/demo_db.ts";
import { assertInputError, dumpFile, tempDir } from "./_support.ts";

const HOSTILE = join(REPO_ROOT, "tests", "testdata", "hostile");

/** Required columns of each CSV kind (a header the kind accepts). */
const CSV_KINDS: Record<string, string[]> = {
  users: ["id", "username", "email"],
  courses: ["id"],
  modes: ["course_id", "mode_slug"],
  highlights: ["course_id", "section"],
  enrollments: ["user_id", "course_id", "created"],
  schedules: ["user_id", "course_id", "start_date"],
  optouts: ["user_id", "course_id"],
};

/** One hostile run: the CLI arguments (`--db` is added), what the error line must mention. */
interface Case {
  name: string;
  args: string[];
  mentions: string[];
  stdin?: string;
  /** Extra check of the detail lines. */
  details?: (lines: string[]) => void;
}

/** Runs each case against a copy of the demo database; each must change nothing. */
async function expectRefused(dir: string, cases: Case[]): Promise<void> {
  const db = await demoDb(dir);
  const before = dumpFile(db);
  for (const c of cases) {
    const result = await runCli([...c.args, "--db", db], {
      cwd: dir,
      ...(c.stdin === undefined ? {} : { stdin: c.stdin }),
    });
    try {
      assertInputError(result, c.mentions);
      c.details?.(result.stderr.trimEnd().split("\n").slice(1));
    } catch (error) {
      throw new Error(`${c.name}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    equal(dumpFile(db), before, `${c.name}: the database is unchanged`);
  }
}

/** Deterministic bytes that look like a binary file (a PNG signature, then noise). */
function garbage(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let seed = 42;
  for (let i = 8; i < length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    bytes[i] = seed >> 16;
  }
  return bytes;
}

Deno.test("import of every CSV kind refuses truncated, binary, empty and folder inputs, changing nothing", async () => {
  await using dir = await tempDir("schedules-hostile-");
  await Deno.writeFile(join(dir.path, "garbage.bin"), garbage(4096));
  await Deno.writeFile(join(dir.path, "empty.csv"), new Uint8Array());
  await Deno.mkdir(join(dir.path, "folder.csv"));
  const cases: Case[] = [];
  for (const [kind, columns] of Object.entries(CSV_KINDS)) {
    // A record cut inside a quoted field, as a copy interrupted mid-file leaves it.
    const cut = `${kind}_cut.csv`;
    await Deno.writeTextFile(
      join(dir.path, cut),
      `${columns.join(",")}\n${columns.map(() => "1").join(",")}\n"partial`,
    );
    cases.push(
      {
        name: `${kind}: cut mid-quoted-field`,
        args: ["import", kind, cut],
        mentions: [`"${cut}"`, "quoted field starting on line 3 is not closed"],
      },
      {
        name: `${kind}: binary garbage`,
        args: ["import", kind, "garbage.bin"],
        mentions: ['"garbage.bin"', "not valid UTF-8 (line 1, byte 1)"],
      },
      {
        name: `${kind}: empty file`,
        args: ["import", kind, "empty.csv"],
        mentions: ['"empty.csv"', "the file is empty"],
      },
      {
        name: `${kind}: a folder`,
        args: ["import", kind, "folder.csv"],
        mentions: ['"folder.csv"', "it is a folder"],
      },
    );
  }
  await expectRefused(dir.path, cases);
});

Deno.test("import refuses bad encodings, NUL bytes, a 10 MB line and bad headers, naming line and byte", async () => {
  await using dir = await tempDir("schedules-hostile-");
  const ten = 10 * 1024 * 1024;
  await Deno.writeTextFile(
    join(dir.path, "long_line.csv"),
    `user_id,course_id,created\n1,course-v1:ExampleX+SP101+2026,${
      "9".repeat(ten)
    }\n`,
  );
  await Deno.writeTextFile(join(dir.path, "one_line.csv"), "x".repeat(ten));
  const cases: Case[] = [
    {
      name: "Latin-1 text (an Excel export)",
      args: ["import", "users", join(HOSTILE, "users_latin1.csv")],
      mentions: ["users_latin1.csv", "not valid UTF-8 (line 3, byte 104)"],
    },
    {
      name: "UTF-16 text",
      args: ["import", "users", join(HOSTILE, "users_utf16.csv")],
      mentions: ["users_utf16.csv", "not valid UTF-8 (line 1, byte 1)"],
    },
    {
      name: "a NUL byte",
      args: ["import", "optouts", join(HOSTILE, "optouts_nul.csv")],
      mentions: ["optouts_nul.csv", "NUL byte", "(line 3, byte 72)"],
    },
    {
      name: "a NUL byte on stdin",
      args: ["import", "users", "-"],
      stdin: "id,username,email\n1,a\0b,a@example.com\n",
      mentions: ['"stdin"', "NUL byte", "(line 2, byte 22)"],
    },
    {
      name: "a single 10 MB line after the header",
      args: ["import", "enrollments", "long_line.csv"],
      mentions: ['"long_line.csv"', "line 2", "longer than 1048576 characters"],
    },
    {
      name: "a single 10 MB line and nothing else",
      args: ["import", "users", "one_line.csv"],
      mentions: ['"one_line.csv"', "line 1", "longer than 1048576 characters"],
    },
    {
      name: "a header only, missing a required column",
      args: [
        "import",
        "enrollments",
        join(HOSTILE, "enrollments_header_only.csv"),
      ],
      mentions: ["enrollments_header_only.csv", 'required column "course_id"'],
    },
  ];
  await expectRefused(dir.path, cases);
});

Deno.test("import lists bad cells by line and column: ids, emails, booleans, dates, unknown and traversing keys", async () => {
  await using dir = await tempDir("schedules-hostile-");
  const rows = Array.from({ length: 60 }, (_, i) => `${-i},u${i},u${i}@x`);
  await Deno.writeTextFile(
    join(dir.path, "many_bad.csv"),
    ["id,username,email", ...rows].join("\n"),
  );
  await Deno.writeTextFile(
    join(dir.path, "duplicates.csv"),
    "user_id,course_id\n1,course-v1:ExampleX+SP101+2026\n2,course-v1:ExampleX+SP101+2026\n1,course-v1:ExampleX+SP101+2026\n",
  );
  const cases: Case[] = [
    {
      name: "optouts with a key twice",
      args: ["import", "optouts", "duplicates.csv"],
      mentions: ['"duplicates.csv"', "line 4", "first on line 2"],
    },
    {
      name: "users with bad ids, email and boolean",
      args: ["import", "users", join(HOSTILE, "users_bad_cells.csv")],
      mentions: ["users_bad_cells.csv", "6 bad rows, nothing imported"],
      details: (lines) =>
        equal(
          lines.join("\n"),
          [
            '  line 2, column "id": "-4" is not a positive integer',
            '  line 3, column "id": "1.5" is not a positive integer',
            '  line 4, column "id": "9007199254740993" is larger than 2^53-1',
            '  line 5, column "id": "seven" is not a positive integer',
            '  line 6, column "email": "noat.example.com" is not an email address',
            '  line 7, column "is_active": "maybe" is not a boolean (true/false, 1/0, yes/no, t/f)',
          ].join("\n"),
        ),
    },
    {
      name:
        "enrollments with impossible dates, unknown user and course, a traversing key",
      args: [
        "import",
        "enrollments",
        join(HOSTILE, "enrollments_bad_cells.csv"),
      ],
      mentions: ["enrollments_bad_cells.csv", "5 bad rows"],
      details: (lines) => {
        equal(lines.length, 5);
        match(
          lines[0]!,
          /^ {2}line 2, column "created": "2026-02-30" is not a valid date$/,
        );
        match(
          lines[1]!,
          /^ {2}line 3, column "created": .*not an ISO 8601 date$/,
        );
        match(lines[2]!, /^ {2}line 4, column "user_id": unknown user 9999/);
        match(lines[3]!, /^ {2}line 5, column "course_id": unknown course/);
        match(
          lines[4]!,
          /^ {2}line 6, column "course_id": ".*" is not an Open edX course key/,
        );
      },
    },
    {
      name: "60 bad rows: 50 listed, then a count",
      args: ["import", "users", "many_bad.csv"],
      mentions: ['"many_bad.csv"', "60 bad rows"],
      details: (lines) => {
        equal(lines.length, 51);
        equal(lines[50], "  … and 10 more bad rows");
      },
    },
  ];
  await expectRefused(dir.path, cases);
});

Deno.test("import config, translations and olx refuse wrong shapes, truncated JSON and non-archives", async () => {
  await using dir = await tempDir("schedules-hostile-");
  await Deno.writeFile(join(dir.path, "empty.json"), new Uint8Array());
  await Deno.writeFile(join(dir.path, "garbage.json"), garbage(512));
  await Deno.mkdir(join(dir.path, "folder.json"));
  const cases: Case[] = [
    {
      name: "config: an array",
      args: ["import", "config", join(HOSTILE, "config_array.json")],
      mentions: ["config_array.json", "expected an object"],
    },
    {
      name: "config: a string",
      args: ["import", "config", join(HOSTILE, "config_string.json")],
      mentions: ["config_string.json", "expected an object"],
    },
    {
      name: "config: wrong types deep inside",
      args: ["import", "config", join(HOSTILE, "config_wrong_types.json")],
      mentions: ["config_wrong_types.json", "8 problems, nothing imported"],
      details: (lines) => {
        equal(lines.length, 8);
        ok(
          lines.includes(
            "  platform.theme.header_links[0].label: expected a string",
          ),
        );
        ok(
          lines.includes(
            "  sites[0].schedule_config.deliver_recurring_nudge: expected a boolean",
          ),
        );
        ok(lines.includes("  sites[1].domain: is missing"));
      },
    },
    {
      name: "config: truncated JSON",
      args: ["import", "config", join(HOSTILE, "config_truncated.json")],
      mentions: ["config_truncated.json", "invalid JSON", "line 4 column 34"],
    },
    {
      name: "config: empty file",
      args: ["import", "config", "empty.json"],
      mentions: ['"empty.json"', "the file is empty"],
    },
    {
      name: "config: binary garbage",
      args: ["import", "config", "garbage.json"],
      mentions: ['"garbage.json"', "not valid UTF-8 (line 1, byte 1)"],
    },
    {
      name: "config: a folder",
      args: ["import", "config", "folder.json"],
      mentions: ['"folder.json"', "it is a folder"],
    },
    {
      name: "translations: a placeholder mismatch",
      args: [
        "import",
        "translations",
        join(HOSTILE, "placeholder_mismatch.po"),
      ],
      mentions: [
        "placeholder_mismatch.po",
        'fr translation of "{platform_name} on Reddit"',
        "{plateforme}",
      ],
    },
    {
      name: "olx: not gzip",
      args: ["import", "olx", join(HOSTILE, "course_not_gzip.tar.gz")],
      mentions: ["course_not_gzip.tar.gz", "not a gzip file"],
    },
    {
      name: "olx: binary garbage",
      args: ["import", "olx", "garbage.json"],
      mentions: ["garbage.json", "not a gzip file"],
    },
  ];
  await expectRefused(dir.path, cases);
});

Deno.test("send refuses impossible options before touching the database", async () => {
  await using dir = await tempDir("schedules-hostile-");
  const send = ["send", "all", "--date", "2026-03-16"];
  const cases: Case[] = [
    {
      name: "--date 2026-13-01",
      args: ["send", "all", "--date", "2026-13-01"],
      mentions: ['"2026-13-01"', "--date"],
    },
    {
      name: "--date 2026-02-30",
      args: ["send", "all", "--date", "2026-02-30"],
      mentions: ['"2026-02-30"', "no such day"],
    },
    { name: "--bin 24", args: [...send, "--bin", "24"], mentions: ["--bin"] },
    { name: "--bin -1", args: [...send, "--bin", "-1"], mentions: ["--bin"] },
    {
      name: "--weeks 0",
      args: [...send, "--weeks", "0"],
      mentions: ["--weeks"],
    },
    {
      name: "--concurrency 0",
      args: [...send, "--concurrency", "0"],
      mentions: ["--concurrency"],
    },
    {
      name: "--concurrency 1.5",
      args: [...send, "--concurrency", "1.5"],
      mentions: ["--concurrency"],
    },
  ];
  await expectRefused(dir.path, cases);
  const written: string[] = [];
  for await (const entry of Deno.readDir(dir.path)) {
    if (!entry.name.startsWith("demo.db")) written.push(entry.name);
  }
  equal(written.join(), "", "nothing written besides the database files");
});

// The two cases below fail today (exit 1, see the report of issue 6): `openStore()` in
// src/store/db.ts lets the OS and SQLite errors through, which main.ts maps to exit 1. They
// become green once openStore() turns them into a DataError naming the path.
Deno.test({
  name: "--db in a place that cannot be created is exit 2 naming the path",
  fn: async () => {
    await using dir = await tempDir("schedules-hostile-");
    await Deno.writeTextFile(join(dir.path, "plain_file"), "x");
    const result = await runCli(
      ["send", "all", "--date", "2026-03-16", "--db", "plain_file/sub/s.db"],
      { cwd: dir.path },
    );
    assertInputError(result, ["plain_file/sub"]);
  },
});

Deno.test({
  name: "--db naming a file that is not a database is exit 2 naming the path",
  fn: async () => {
    await using dir = await tempDir("schedules-hostile-");
    await Deno.writeFile(join(dir.path, "not_a.db"), garbage(8192));
    const result = await runCli(
      ["export", "users", "--db", "not_a.db"],
      { cwd: dir.path },
    );
    assertInputError(result, ["not_a.db"]);
  },
});
