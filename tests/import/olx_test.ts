/**
 * Tests of src/import/olx.ts (and its private helpers _tar.ts, _olx_source.ts): the demo export
 * read from its folder and from archives built at run time, the accepted layouts, every kind of
 * bad archive, the bounds, and storing a course through importOlx().
 */
import assert from "node:assert/strict";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createTar } from "nanotar";
import { DataError } from "../../src/errors.ts";
import {
  importOlx,
  type OlxCourse,
  type OlxOptions,
  readOlx,
  readOlxStream,
} from "../../src/import/olx.ts";
import { openStore } from "../../src/store/db.ts";

const DEMO = fileURLToPath(
  new URL("../../fixtures/olx/demo-course", import.meta.url),
);
const ID = "course-v1:ExampleX+OCN101+2026_T1";
const encoder = new TextEncoder();

// ---------------------------------------------------------------- helpers

/** A temporary folder removed at the end of the test (`await using`). */
async function tempDir(): Promise<{ path: string } & AsyncDisposable> {
  const path = await Deno.makeTempDir({ prefix: "olx_test_" });
  return {
    path,
    [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }),
  };
}

/** Every file under `dir`, by path relative to it. */
async function listFiles(dir: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  async function walk(folder: string): Promise<void> {
    for await (const entry of Deno.readDir(folder)) {
      const path = join(folder, entry.name);
      if (entry.isDirectory) await walk(path);
      else files.set(relative(dir, path), await Deno.readFile(path));
    }
  }
  await walk(dir);
  return files;
}

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The demo export as a `.tar.gz` made by nanotar, every path prefixed with `prefix`. */
async function demoArchive(prefix: string): Promise<Uint8Array> {
  const files = [...(await listFiles(DEMO)).entries()].sort();
  const tar = createTar(
    files.map(([name, data]) => ({ name: prefix + name, data })),
    { attrs: { mtime: 0 } },
  );
  return await gzip(tar);
}

/** A tar entry of the minimal ustar writer below. */
interface Entry {
  name: string;
  data?: string | Uint8Array;
  /** Type flag: "0" file (default), "1" hard link, "2" symlink, "5" folder, "x" pax. */
  type?: string;
  linkname?: string;
  /** Size written in the header when it must lie about the data. */
  size?: number;
}

/** One 512-byte ustar header with a correct checksum. */
function header(entry: Entry, size: number): Uint8Array {
  const h = new Uint8Array(512);
  const put = (text: string, at: number, length: number) =>
    h.set(encoder.encode(text).subarray(0, length), at);
  put(entry.name, 0, 100);
  put("0000644\0", 100, 8);
  put("0001750\0", 108, 8);
  put("0001750\0", 116, 8);
  put(size.toString(8).padStart(11, "0") + "\0", 124, 12);
  put("00000000000\0", 136, 12);
  put("        ", 148, 8);
  put(entry.type ?? "0", 156, 1);
  put(entry.linkname ?? "", 157, 100);
  put("ustar\0", 257, 6);
  put("00", 263, 2);
  const sum = h.reduce((total, b) => total + b, 0);
  put(sum.toString(8).padStart(6, "0") + "\0 ", 148, 8);
  return h;
}

/** A tar archive of `entries`, ended by two zero blocks (or not, with `end: false`). */
function tar(entries: Entry[], end = true): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    const data = typeof entry.data === "string"
      ? encoder.encode(entry.data)
      : entry.data ?? new Uint8Array();
    parts.push(header(entry, entry.size ?? data.length), data);
    parts.push(new Uint8Array((512 - (data.length % 512)) % 512));
  }
  if (end) parts.push(new Uint8Array(1024));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A pax extended header's data. */
function pax(records: Record<string, string>): string {
  return Object.entries(records).map(([key, value]) => {
    const body = ` ${key}=${value}\n`;
    let length = body.length + 1;
    while (String(length).length + body.length !== length) length++;
    return `${length}${body}`;
  }).join("");
}

/** A small valid course: course.xml, course/<run>.xml, chapters; override any file. */
function tinyCourse(
  overrides: Record<string, string | null> = {},
): Entry[] {
  const files: Record<string, string | null> = {
    "course/course.xml": '<course url_name="R1" org="Org" course="C1"/>',
    "course/course/R1.xml":
      '<course display_name="Tiny"><chapter url_name="ch1"/></course>',
    "course/chapter/ch1.xml":
      '<chapter display_name="One" highlights="[&quot;a&quot;]"/>',
    ...overrides,
  };
  return Object.entries(files)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([name, data]) => ({ name, data }));
}

/** Writes `bytes` to a temp file and reads it as an export. */
async function readBytes(
  bytes: Uint8Array,
  options: OlxOptions = {},
): Promise<OlxCourse> {
  await using dir = await tempDir();
  const path = join(dir.path, "export.tar.gz");
  await Deno.writeFile(path, bytes);
  return await readOlx(path, options);
}

async function readEntries(
  entries: Entry[],
  options: OlxOptions = {},
): Promise<OlxCourse> {
  return await readBytes(await gzip(tar(entries)), options);
}

/** Asserts a DataError whose one-line message matches `pattern`. */
async function rejectsWith(
  promise: Promise<unknown>,
  pattern: RegExp,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof DataError, `expected DataError, got ${error}`);
    assert.match(error.message, pattern);
    assert.ok(!error.message.includes("\n"), "one-line message");
    return true;
  });
}

/** An endless stream of zero bytes (a decompression bomb's payload). */
function zeros(): ReadableStream<Uint8Array<ArrayBuffer>> {
  const chunk = new Uint8Array(1 << 16);
  return new ReadableStream({
    pull(controller) {
      controller.enqueue(chunk.slice());
    },
  });
}

/** `prefix`, then an endless run of zeros, all gzip-compressed on the fly. */
function endlessGzip(
  prefix: Uint8Array,
): ReadableStream<Uint8Array<ArrayBuffer>> {
  const zeroReader = zeros().getReader();
  let sentPrefix = false;
  const raw = new ReadableStream<Uint8Array<ArrayBuffer>>({
    async pull(controller) {
      if (!sentPrefix) {
        sentPrefix = true;
        controller.enqueue(prefix.slice());
        return;
      }
      const { value } = await zeroReader.read();
      controller.enqueue(value!);
    },
    cancel: () => zeroReader.cancel(),
  });
  return raw.pipeThrough(new CompressionStream("gzip"));
}

function row(
  section: number,
  name: string,
  highlight: string,
  hide = false,
  staff = false,
): { record: Record<string, string> } {
  return {
    record: {
      course_id: ID,
      section: String(section),
      section_name: name,
      highlight,
      hide_from_toc: String(hide),
      visible_to_staff_only: String(staff),
    },
  };
}

// ---------------------------------------------------------------- the demo export

Deno.test("readOlx() reads the demo course folder with the policy winning over the XML", async () => {
  const olx = await readOlx(DEMO);
  assert.deepEqual(olx.course, {
    id: ID,
    // The XML says "Ocean Science (working title)"; policy.json wins.
    display_name: "Ocean Science: Waves, Tides and Currents",
    start: "2026-03-02T14:00:00.000Z",
    // Only the policy gives an end.
    end: "2026-06-30T00:00:00.000Z",
    self_paced: "false",
    language: "en",
    highlights_enabled: "true",
  });
  assert.ok(!("weeks_to_complete" in olx.course));
});

Deno.test("readOlx() numbers every chapter, hidden, staff-only and inline ones included", async () => {
  const olx = await readOlx(DEMO);
  assert.deepEqual(olx.highlights, [
    row(1, "Welcome aboard", "How the course works"),
    row(1, "Welcome aboard", "Meet your crew: Zoë, Łukasz and 陈静"),
    row(2, "Tides & currents", "Marées: why the Moon matters"),
    row(2, "Tides & currents", "Reading a tide table"),
    row(2, "Tides & currents", "Currents around the world"),
    row(3, "Instructor notes", "Hidden from the course outline", true),
    row(4, "Field trip: the harbour", "Meet at the pier at 9:00"),
    row(4, "Field trip: the harbour", "Bring boots & a notebook"),
    row(5, "Staff review", "Grading rubric walkthrough", false, true),
    row(6, "Wrap-up", ""),
  ]);
});

Deno.test("readOlx() gives the same course for the folder, its parent and every archive layout", async () => {
  const expected = await readOlx(DEMO);
  await using dir = await tempDir();
  for (const [name, data] of await listFiles(DEMO)) {
    const path = join(dir.path, "course", name);
    await Deno.mkdir(dirname(path), { recursive: true });
    await Deno.writeFile(path, data);
  }
  assert.deepEqual(await readOlx(dir.path), expected, "parent folder");
  for (const prefix of ["course/", "./course/", "", "./"]) {
    const bytes = await demoArchive(prefix);
    const path = join(dir.path, `export-${prefix.length}.tar.gz`);
    await Deno.writeFile(path, bytes);
    assert.deepEqual(await readOlx(path), expected, `layout "${prefix}"`);
  }
});

Deno.test("readOlxStream() reads an archive from a stream", async () => {
  const bytes = await demoArchive("course/");
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
  assert.deepEqual(await readOlxStream(stream, "-"), await readOlx(DEMO));
});

Deno.test("readOlx() accepts an archive with one other top-level folder and pax long names", async () => {
  const long = `export/chapter/${"x".repeat(120)}.xml`;
  const olx = await readEntries([
    {
      name: "export/course.xml",
      data: '<course url_name="R" org="O" course="C"/>',
    },
    {
      name: "export/course/R.xml",
      data: `<course><chapter url_name="${"x".repeat(120)}"/></course>`,
    },
    { name: "PaxHeader", type: "x", data: pax({ path: long }) },
    { name: long.slice(0, 99), data: '<chapter display_name="Long"/>' },
  ]);
  assert.equal(olx.course["id"], "course-v1:O+C+R");
  assert.deepEqual(olx.highlights.map((r) => r.record["section_name"]), [
    "Long",
  ]);
});

// ---------------------------------------------------------------- field rules

Deno.test("readOlx() applies defaults: Open edX's start, no end, false flags", async () => {
  const olx = await readEntries(tinyCourse());
  assert.deepEqual(olx.course, {
    id: "course-v1:Org+C1+R1",
    display_name: "Tiny",
    start: "2030-01-01T00:00:00.000Z",
    end: "",
    self_paced: "false",
    language: "",
    highlights_enabled: "false",
  });
});

Deno.test("readOlx() reads JSON-quoted dates of old exports and chapter policies", async () => {
  const olx = await readEntries(tinyCourse({
    "course/course/R1.xml":
      '<course start="&quot;2026-05-04T10:00:00+02:00&quot;" end="null" self_paced="true">' +
      '<chapter url_name="ch1"/></course>',
    "course/policies/R1/policy.json": JSON.stringify({
      "course/R1": { language: "fr", self_paced: false },
      "chapter/ch1": { display_name: "Un", highlights: ["é"] },
    }),
  }));
  assert.equal(olx.course["start"], "2026-05-04T08:00:00.000Z");
  assert.equal(olx.course["end"], "");
  assert.equal(olx.course["self_paced"], "false");
  assert.equal(olx.course["language"], "fr");
  assert.deepEqual(olx.highlights, [{
    record: {
      course_id: "course-v1:Org+C1+R1",
      section: "1",
      section_name: "Un",
      highlight: "é",
      hide_from_toc: "false",
      visible_to_staff_only: "false",
    },
  }]);
});

Deno.test("readOlx() drops blank and repeated highlights", async () => {
  const olx = await readEntries(tinyCourse({
    "course/chapter/ch1.xml":
      '<chapter highlights="[&quot;a&quot;, &quot; &quot;, &quot;a&quot;, &quot;b&quot;]"/>',
  }));
  assert.deepEqual(olx.highlights.map((r) => r.record["highlight"]), [
    "a",
    "b",
  ]);
});

// ---------------------------------------------------------------- bad exports

Deno.test("readOlx() refuses a file that is not gzip", async () => {
  await rejectsWith(
    readBytes(encoder.encode("id,name\n1,x\n")),
    /^Cannot import ".*export\.tar\.gz": not a gzip file/,
  );
});

Deno.test("readOlx() refuses gzip that does not hold a tar archive", async () => {
  await rejectsWith(
    readBytes(await gzip(encoder.encode("hello ".repeat(200)))),
    /not a tar archive/,
  );
  await rejectsWith(
    readBytes(await gzip(new Uint8Array())),
    /not a tar archive/,
  );
});

Deno.test("readOlx() refuses corrupt gzip data", async () => {
  const good = await gzip(tar(tinyCourse()));
  const bad = good.slice(0, 12);
  bad.fill(0xff, 10);
  await rejectsWith(readBytes(bad), /gzip data is corrupt or truncated/);
});

Deno.test("readOlx() refuses a truncated tar archive", async () => {
  const whole = tar(tinyCourse(), false);
  await rejectsWith(
    readBytes(await gzip(whole.slice(0, whole.length - 700))),
    /truncated/,
  );
});

Deno.test("readOlx() refuses an archive or folder without course.xml", async () => {
  await rejectsWith(
    readEntries(tinyCourse({ "course/course.xml": null })),
    /no course\.xml in the archive/,
  );
  await using dir = await tempDir();
  await rejectsWith(readOlx(dir.path), /no course\.xml in the folder/);
  await rejectsWith(
    readOlx(join(dir.path, "missing.tar.gz")),
    /no such file or folder/,
  );
});

Deno.test("readOlx() refuses a missing course or chapter file", async () => {
  await rejectsWith(
    readEntries(tinyCourse({ "course/chapter/ch1.xml": null })),
    /chapter file "course\/chapter\/ch1\.xml" is missing \(listed in "course\/course\/R1\.xml"\)/,
  );
  await rejectsWith(
    readEntries(tinyCourse({ "course/course/R1.xml": null })),
    /"course\/course\/R1\.xml" is missing/,
  );
});

Deno.test("readOlx() refuses malformed XML, naming the file and line", async () => {
  await rejectsWith(
    readEntries(tinyCourse({
      "course/chapter/ch1.xml":
        '<chapter display_name="One">\n<sequential>\n</chapter>',
    })),
    /"course\/chapter\/ch1\.xml" is not well-formed XML \(line 3/,
  );
  await rejectsWith(
    readEntries(tinyCourse({ "course/chapter/ch1.xml": "<sequential/>" })),
    /has no single <chapter> root element/,
  );
});

Deno.test("readOlx() refuses highlights that are not a JSON list of strings", async () => {
  await rejectsWith(
    readEntries(tinyCourse({
      "course/chapter/ch1.xml": '<chapter highlights="[&quot;a&quot;"/>',
    })),
    /highlights of chapter "ch1" in "course\/chapter\/ch1\.xml" are not a JSON list/,
  );
  await rejectsWith(
    readEntries(tinyCourse({
      "course/chapter/ch1.xml": '<chapter highlights="[1, 2]"/>',
    })),
    /not a JSON list of strings/,
  );
});

Deno.test("readOlx() refuses a bad policy, date, flag or name", async () => {
  await rejectsWith(
    readEntries(tinyCourse({ "course/policies/R1/policy.json": "{" })),
    /"course\/policies\/R1\/policy\.json" is not valid JSON/,
  );
  await rejectsWith(
    readEntries(tinyCourse({
      "course/course/R1.xml":
        '<course start="soon"><chapter url_name="ch1"/></course>',
    })),
    /start of the course settings of "course-v1:Org\+C1\+R1" is not a date: "soon"/,
  );
  await rejectsWith(
    readEntries(tinyCourse({
      "course/chapter/ch1.xml": '<chapter hide_from_toc="maybe"/>',
    })),
    /hide_from_toc of chapter "ch1" .* is not true or false/,
  );
  await rejectsWith(
    readEntries(tinyCourse({
      "course/course.xml": '<course url_name=".." org="Org" course="C1"/>',
    })),
    /has an invalid name "\.\."/,
  );
  await rejectsWith(
    readEntries(
      tinyCourse({ "course/course.xml": '<course url_name="R1" org="Org"/>' }),
    ),
    /has no course attribute/,
  );
});

Deno.test("readOlx() refuses symbolic and hard links", async () => {
  await rejectsWith(
    readEntries([
      ...tinyCourse(),
      { name: "course/static/x", type: "2", linkname: "/etc/passwd" },
    ]),
    /entry "course\/static\/x" is a symbolic link/,
  );
  await rejectsWith(
    readEntries([
      ...tinyCourse(),
      { name: "course/static/y", type: "1", linkname: "course/course.xml" },
    ]),
    /entry "course\/static\/y" is a hard link/,
  );
});

Deno.test("readOlx() refuses absolute paths and paths that leave the root", async () => {
  await rejectsWith(
    readEntries([{ name: "/etc/cron.d/x", data: "x" }, ...tinyCourse()]),
    /entry "\/etc\/cron\.d\/x" has an absolute path/,
  );
  await rejectsWith(
    readEntries([...tinyCourse(), { name: "course/../../x.xml", data: "x" }]),
    /entry "course\/\.\.\/\.\.\/x\.xml" leaves the archive folder/,
  );
  // nanotar alone would turn this pax path into "x.xml"; the scan sees the real one.
  await rejectsWith(
    readEntries([
      ...tinyCourse(),
      { name: "PaxHeader", type: "x", data: pax({ path: "../x.xml" }) },
      { name: "harmless.xml", data: "<x/>" },
    ]),
    /entry "\.\.\/x\.xml" leaves the archive folder/,
  );
});

Deno.test("readOlx() refuses more entries than the bound", async () => {
  const entries = tinyCourse();
  await readEntries(entries, { maxEntries: entries.length });
  await rejectsWith(
    readEntries(entries, { maxEntries: entries.length - 1 }),
    /more than 2 entries/,
  );
});

Deno.test("readOlx() refuses an archive that unpacks past the byte bound", async () => {
  const big = {
    name: "course/static/video.mp4",
    data: new Uint8Array(600_000),
  };
  const entries = [...tinyCourse(), big, {
    ...big,
    name: "course/static/b.mp4",
  }];
  await readEntries(entries, { maxBytes: 2 * 1024 * 1024 });
  await rejectsWith(
    readEntries(entries, { maxBytes: 1024 * 1024 }),
    /it unpacks to more than 1 MB/,
  );
});

Deno.test("readOlxStream() rejects a bomb from its header size without reading the payload", async () => {
  // Declares 600 MB, then an endless run of zeros: the default 512 MB bound fails at the header.
  const lie = header({ name: "course/static/bomb.bin" }, 600 * 1024 * 1024);
  await rejectsWith(
    readOlxStream(endlessGzip(lie), "bomb.tar.gz"),
    /"bomb\.tar\.gz": it unpacks to more than 512 MB/,
  );
});

Deno.test("readOlxStream() stops decompressing at the end of the archive", async () => {
  // A valid archive followed by endless zeros: reading must stop at the end-of-archive block.
  const olx = await readOlxStream(endlessGzip(tar(tinyCourse())), "x.tar.gz");
  assert.equal(olx.course["id"], "course-v1:Org+C1+R1");
});

Deno.test("readOlx() refuses files that are not UTF-8", async () => {
  await rejectsWith(
    readEntries(
      tinyCourse({ "course/chapter/ch1.xml": "" }).map((e) =>
        e.name === "course/chapter/ch1.xml"
          ? { ...e, data: new Uint8Array([0x3c, 0x63, 0xff, 0x2f, 0x3e]) }
          : e
      ),
    ),
    /"course\/chapter\/ch1\.xml" is not valid UTF-8/,
  );
});

// ---------------------------------------------------------------- storing

Deno.test("importOlx() stores the course and its outline in one go, keeping weeks_to_complete", async () => {
  using db = openStore(":memory:");
  db.prepare(
    "INSERT INTO courses (id, org, weeks_to_complete) VALUES (?, 'ExampleX', 6)",
  ).run(ID);
  const options = { file: DEMO, now: Date.UTC(2026, 2, 1) };
  const results = await importOlx(db, DEMO, options);
  assert.deepEqual(results.map((r) => [r.kind, r.inserted, r.updated]), [
    ["courses", 0, 1],
    ["highlights", 1, 0],
  ]);
  const course = db.prepare(
    `SELECT display_name, org, start, "end", self_paced, language, highlights_enabled,
       weeks_to_complete FROM courses WHERE id = ?`,
  ).get(ID);
  assert.deepEqual({ ...course }, {
    display_name: "Ocean Science: Waves, Tides and Currents",
    org: "ExampleX",
    start: Date.UTC(2026, 2, 2, 14),
    end: Date.UTC(2026, 5, 30),
    self_paced: 0,
    language: "en",
    highlights_enabled: 1,
    weeks_to_complete: 6,
  });
  const sections = db.prepare(
    `SELECT position, name, highlights, hide_from_toc, visible_to_staff_only
     FROM course_sections WHERE course_id = ? ORDER BY position`,
  ).all(ID).map((r) => ({ ...r }));
  assert.deepEqual(sections, [
    {
      position: 1,
      name: "Welcome aboard",
      highlights: JSON.stringify([
        "How the course works",
        "Meet your crew: Zoë, Łukasz and 陈静",
      ]),
      hide_from_toc: 0,
      visible_to_staff_only: 0,
    },
    {
      position: 2,
      name: "Tides & currents",
      highlights: JSON.stringify([
        "Marées: why the Moon matters",
        "Reading a tide table",
        "Currents around the world",
      ]),
      hide_from_toc: 0,
      visible_to_staff_only: 0,
    },
    {
      position: 3,
      name: "Instructor notes",
      highlights: JSON.stringify(["Hidden from the course outline"]),
      hide_from_toc: 1,
      visible_to_staff_only: 0,
    },
    {
      position: 4,
      name: "Field trip: the harbour",
      highlights: JSON.stringify([
        "Meet at the pier at 9:00",
        "Bring boots & a notebook",
      ]),
      hide_from_toc: 0,
      visible_to_staff_only: 0,
    },
    {
      position: 5,
      name: "Staff review",
      highlights: JSON.stringify(["Grading rubric walkthrough"]),
      hide_from_toc: 0,
      visible_to_staff_only: 1,
    },
    {
      position: 6,
      name: "Wrap-up",
      highlights: "[]",
      hide_from_toc: 0,
      visible_to_staff_only: 0,
    },
  ]);
  const again = await importOlx(db, DEMO, options);
  assert.deepEqual(again.map((r) => [r.inserted, r.updated, r.unchanged]), [
    [0, 0, 1],
    [0, 0, 1],
  ]);
});

Deno.test("importOlx() changes nothing on a dry run or a bad export", async () => {
  using db = openStore(":memory:");
  const options = { file: DEMO, now: Date.UTC(2026, 2, 1) };
  const results = await importOlx(db, DEMO, { ...options, dryRun: true });
  assert.equal(results[0]!.inserted, 1);
  const count = () =>
    db.prepare(
      "SELECT (SELECT count(*) FROM courses) + (SELECT count(*) FROM course_sections) AS n",
    ).get()!["n"];
  assert.equal(count(), 0);
  await using dir = await tempDir();
  const path = join(dir.path, "bad.tar.gz");
  await Deno.writeFile(
    path,
    await gzip(tar(tinyCourse({ "course/chapter/ch1.xml": null }))),
  );
  await rejectsWith(importOlx(db, path, options), /is missing/);
  assert.equal(count(), 0);
});

Deno.test("importOlx() empties the outline of a course that no longer has chapters", async () => {
  using db = openStore(":memory:");
  const options = { file: "x", now: Date.UTC(2026, 2, 1) };
  await importOlx(db, DEMO, options);
  await using dir = await tempDir();
  const path = join(dir.path, "empty.tar.gz");
  await Deno.writeFile(
    path,
    await gzip(tar([
      {
        name: "course.xml",
        data: '<course url_name="2026_T1" org="ExampleX" course="OCN101"/>',
      },
      { name: "course/2026_T1.xml", data: "<course/>" },
    ])),
  );
  await importOlx(db, path, options);
  const left = db.prepare(
    "SELECT count(*) AS n FROM course_sections WHERE course_id = ?",
  ).get(ID);
  assert.equal(left!["n"], 0);
});
