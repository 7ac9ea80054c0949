/**
 * Output safety end to end (issue 6): HTML, attribute breakouts and comment closers in course
 * display names, section names and highlights, learner names and platform names, imported
 * through the real CLI, then sent to the file channel. Every message file and the review page
 * must show the data as text (no tag or event handler from it), the trailing comments must not
 * be closed early, and file names — even for a course id with `..` in it — must be built from
 * ids only and stay inside `--out`.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join, relative } from "node:path";
import { REPO_ROOT, runCli } from "../_support/cli.ts";
import { startTags } from "./_html_tags.ts";
import { tempDir } from "./_support.ts";

const DATE = "2026-03-16";
const NOW = "2026-03-16T00:00:00Z";
const PAYLOAD =
  '<script>alert(1)</script>"><img src=x onerror=alert(1)>--> end';
/** A course whose id tries to climb out of a folder; old-style keys allow `..` as a part. */
const TRAVERSAL = "ExampleX/../evil";
const FILE_NAME = /^\d+\.\d{4}-\d{2}-\d{2}\.[a-z0-9_]+\.[0-9a-f-]+\.html$/;

function fixture(name: string): Promise<string> {
  return Deno.readTextFile(join(REPO_ROOT, "fixtures", name));
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Rewrites columns of a simple fixture CSV (no quoted cells) with `edit`. */
async function editCsv(
  name: string,
  columns: string[],
  edit: (value: string) => string,
): Promise<string> {
  const [header, ...rows] = (await fixture(name)).trimEnd().split("\n");
  const names = header!.split(",");
  const at = columns.map((column) => names.indexOf(column));
  ok(!at.includes(-1), `${name} has ${columns.join(", ")}`);
  return [
    header,
    ...rows.map((row) => {
      const cells = row.split(",");
      equal(cells.length, names.length, `${name}: a simple CSV row`);
      for (const i of at) cells[i] = quote(edit(cells[i]!));
      return cells.join(",");
    }),
  ].join("\n") + "\n";
}

/** Writes the demo fixtures with the payload in every free-text field the emails show. */
async function hostileFixtures(dir: string, payload: string): Promise<void> {
  const config = JSON.parse(await fixture("config.json"));
  config.platform.platform_name = `Academy ${payload}`;
  config.platform.contact_mailing_address = `1 Street ${payload}`;
  config.sites[1].configuration.values.platform_name = `Partner ${payload}`;
  const add = (value: string) => value === "" ? "" : `${value} ${payload}`;
  const files: Record<string, string> = {
    "config.json": JSON.stringify(config),
    "users.csv": await editCsv("users.csv", ["name"], add),
    "courses.csv": await editCsv("courses.csv", ["display_name"], add) +
      `${TRAVERSAL},${
        quote(`Evil ${payload}`)
      },2026-01-05,2026-12-18,true,en,false,\n`,
    "modes.csv": await fixture("modes.csv"),
    "highlights.csv": await editCsv(
      "highlights.csv",
      ["section_name", "highlight"],
      add,
    ),
    "enrollments.csv": (await fixture("enrollments.csv")) +
      [1, 2, 3].map((u) => `${u},${TRAVERSAL},2026-03-13T01:00:00Z,audit,true`)
        .join("\n") +
      "\n",
    "optouts.csv": await fixture("optouts.csv"),
  };
  for (const [name, text] of Object.entries(files)) {
    await Deno.writeTextFile(join(dir, name), text);
  }
}

/** Imports the hostile fixtures and sends every type to the file channel in `out`. */
async function sendHostile(dir: string, payload: string, out: string) {
  await hostileFixtures(dir, payload);
  const db = join(dir, "hostile.db");
  for (
    const kind of [
      "config",
      "users",
      "courses",
      "modes",
      "highlights",
      "enrollments",
      "optouts",
    ]
  ) {
    const file = kind === "config" ? "config.json" : `${kind}.csv`;
    const result = await runCli(
      ["import", kind, file, "--db", db, "--now", NOW, "--quiet"],
      { cwd: dir },
    );
    equal(result.code, 0, `import ${kind}: ${result.stderr}`);
  }
  const sent = await runCli(
    ["send", "all", "--date", DATE, "--db", db, "--out", out, "--json"],
    { cwd: dir },
  );
  equal(sent.code, 0, sent.stderr);
  return { db, summary: JSON.parse(sent.stdout) };
}

/** Every file under `dir`, as paths relative to it. */
async function walk(dir: string, prefix = ""): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(join(dir, prefix))) {
    const path = join(prefix, entry.name);
    if (entry.isDirectory) found.push(...await walk(dir, path));
    else found.push(path);
  }
  return found.sort();
}

/** Asserts that no tag or event handler in `html` came from the data. */
function assertNoInjectedMarkup(html: string, where: string): void {
  for (const tag of startTags(html)) {
    ok(tag.name !== "script", `${where}: a <script> element`);
    const handlers = tag.attributes.filter((a) => a.startsWith("on"));
    deepEqual(handlers, [], `${where}: event handler on <${tag.name}>`);
    ok(!tag.attributes.includes('"'), `${where}: attribute breakout`);
  }
}

/** The part after `</body>`: the four comments, each closed once, at its end. */
function assertComments(content: string, where: string): string {
  const tail = content.slice(content.lastIndexOf("</body>") + 7);
  equal(tail.match(/-->/g)?.length, 4, `${where}: four comment closers`);
  match(
    tail,
    /^\n {4}<!-- to: [^\n]* -->\n {4}<!-- from_name: [^\n]* -->\n {4}<!-- subject: [^\n]* -->\n {4}<!-- body: [\s\S]* -->\n<\/html>\n$/,
    where,
  );
  return tail;
}

Deno.test("send to the file channel escapes hostile names, outlines and platform names in every file, comment and the review page", async () => {
  await using dir = await tempDir("schedules-inject-");
  const out = join(dir.path, "out");
  const { summary } = await sendHostile(dir.path, PAYLOAD, out);
  const names = Object.keys(summary.messages);
  deepEqual(names, [
    "recurringnudge_day3",
    "recurringnudge_day10",
    "upgradereminder",
    "instructorledcourseupdate",
    "courseupdate",
  ]);
  for (const name of names) ok(summary.messages[name].sent > 0, name);
  const files = (await walk(out)).filter((f) =>
    f !== "index.html" && f !== ".ace_index.jsonl"
  );
  ok(files.length > 50, `${files.length} message files`);
  let escapedInComments = 0, escapedInHtml = 0, traversal = 0;
  for (const file of files) {
    match(file, FILE_NAME, "a name built from ids only, in --out itself");
    const content = await Deno.readTextFile(join(out, file));
    assertNoInjectedMarkup(content, file);
    const tail = assertComments(content, file);
    if (tail.includes("--&gt; end")) escapedInComments++;
    if (/&lt;script(>|&gt;)alert\(1\)/.test(content)) escapedInHtml++;
    if (content.includes("Evil ")) traversal++;
  }
  equal(escapedInComments, files.length, "every comment block shows --&gt;");
  equal(escapedInHtml, files.length, "every HTML part shows the data escaped");
  ok(traversal >= 3, "the course with `..` in its id was mailed");
  const index = await Deno.readTextFile(join(out, "index.html"));
  const scripts = startTags(index).filter((t) => t.name === "script");
  equal(scripts.length, 1, "only the review page's own script");
  assertNoInjectedMarkup(
    index.slice(0, index.lastIndexOf("<script>")),
    "index.html",
  );
  ok(index.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
});

Deno.test("send to the file channel writes nothing outside --out and the ledger points into it", async () => {
  await using dir = await tempDir("schedules-inject-");
  const out = join(dir.path, "nested", "out");
  const { db } = await sendHostile(dir.path, PAYLOAD, out);
  const outside = (await walk(dir.path)).filter((f) =>
    !f.startsWith(relative(dir.path, out) + "/") &&
    !f.startsWith("hostile.db") && !/^[a-z]+\.(csv|json)$/.test(f)
  );
  deepEqual(outside, []);
  const ledger = await runCli(
    ["export", "messages", "--format", "json", "--db", db],
    { cwd: dir.path },
  );
  equal(ledger.code, 0, ledger.stderr);
  const rows: { file: string | null; course_ids: string[] }[] = JSON.parse(
    ledger.stdout,
  );
  ok(rows.some((r) => r.course_ids.includes(TRAVERSAL)));
  for (const row of rows.filter((r) => r.file !== null)) {
    equal(relative(out, row.file!).includes("/"), false, row.file!);
    match(relative(out, row.file!), FILE_NAME);
    await Deno.stat(row.file!);
  }
});

// Fails today (see the report of issue 6): commentValue() in src/channels/file_channel.ts
// escapes `-->` but not `--!>`, which also closes an HTML comment, so a name holding
// `--!><script>…` becomes markup after the trailing comments. Fix: also write `--!>` as
// `--!&gt;` (e.g. `value.replace(/--(!?)>/g, "--$1&gt;")`).
Deno.test({
  name: "file channel comments cannot be closed early with --!>",
  fn: async () => {
    await using dir = await tempDir("schedules-inject-");
    const out = join(dir.path, "out");
    await sendHostile(dir.path, "--!><script>alert(2)</script>", out);
    for (const file of await walk(out)) {
      if (!FILE_NAME.test(file)) continue;
      assertNoInjectedMarkup(await Deno.readTextFile(join(out, file)), file);
    }
  },
});
