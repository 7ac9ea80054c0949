/**
 * The review page: escaping of everything that comes from data, its content and order, the
 * manifest reader (missing files, broken lines, optional fields) and valid HTML.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { HtmlValidate } from "html-validate";
import {
  escapeHtml,
  type IndexEntry,
  MANIFEST,
  parseEntry,
  readManifest,
  reviewPage,
  writeReviewIndex,
} from "../../src/channels/review_index.ts";

function entry(overrides: Partial<IndexEntry> = {}): IndexEntry {
  return {
    file: "1.2026-03-16.recurringnudge_day3.aaaa.html",
    date: "2026-03-16",
    name: "recurringnudge_day3",
    userId: 1,
    recipient: "ana@example.com",
    subject: "Keep learning in Data Science",
    text: "Remember when you enrolled?",
    ...overrides,
  };
}

const HOSTILE =
  `"><script>alert('x')</script><img src=x onerror=alert(1)>&amp;`;

/** Undoes escapeHtml (what a browser does when it reads an attribute value). */
function unescape(text: string): string {
  return text.replaceAll("&quot;", '"').replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

async function tempDir(): Promise<AsyncDisposable & { path: string }> {
  const path = await Deno.makeTempDir({ prefix: "schedules-review-" });
  return {
    path,
    [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }),
  };
}

Deno.test("escapeHtml() escapes the five characters that matter in content and attributes", () => {
  equal(
    escapeHtml(`<a href="x" title='y'>&</a>`),
    "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
  );
});

Deno.test("reviewPage() escapes every field that comes from data, in text and attributes", () => {
  const page = reviewPage([entry({
    subject: HOSTILE,
    recipient: `x${HOSTILE}@example.com`,
    text: `line 1\n${HOSTILE}`,
    name: `n${HOSTILE}`,
    date: `d${HOSTILE}`,
    fromName: `f${HOSTILE}`,
    site: `s${HOSTILE}`,
  })]);
  // The only script element is the page's own; no data-made element or attribute appears.
  equal(page.match(/<script/g)?.length, 1);
  ok(!page.includes("<img"), "no <img> from data");
  ok(!page.includes("onerror=alert(1)>"), "no live attribute from data");
  // Each data attribute reads back as exactly the original value.
  const attrs = Object.fromEntries(
    [...page.matchAll(/ data-([a-z]+)="([^"]*)"/g)].map((
      m,
    ) => [m[1], unescape(m[2]!)]),
  );
  equal(attrs.subject, HOSTILE);
  equal(attrs.to, `x${HOSTILE}@example.com`);
  equal(attrs.text, `line 1\n${HOSTILE}`);
  equal(attrs.from, `f${HOSTILE}`);
  ok(
    page.includes("&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
  );
  ok(page.includes("&amp;amp;"), "an entity in data stays text");
  match(page, /data-text="line 1\n&quot;&gt;&lt;script&gt;/);
});

Deno.test("reviewPage() lists every entry in the given order with date, type, learner, subject and link", () => {
  const entries = [
    entry({
      file: "2.b.html",
      userId: 2,
      subject: "Second",
      date: "2026-03-17",
    }),
    entry({
      file: "1.a.html",
      userId: 1,
      subject: "First",
      name: "upgradereminder",
    }),
    entry({ file: "3.c.html", userId: 3, subject: "Third" }),
  ];
  const page = reviewPage(entries);
  match(page, /<title>schedules: 3 messages<\/title>/);
  const links = [
    ...page.matchAll(/<a href="([^"]+)" target="preview">([^<]*)</g),
  ]
    .map((m) => [m[1], m[2]]);
  deepEqual(links, [["2.b.html", "Second"], ["1.a.html", "First"], [
    "3.c.html",
    "Third",
  ]]);
  ok(page.includes("<td>2<small>ana@example.com</small></td>"));
  ok(page.includes("<td>2026-03-17</td>"));
  ok(page.includes("<small>upgradereminder</small>"));
  // Filters offer each type and date once, with counts, in first-seen (newest-first) order.
  ok(page.includes(
    '<option value="recurringnudge_day3">recurringnudge_day3 (2)</option><option value="upgradereminder">upgradereminder (1)</option>',
  ));
  ok(page.includes(
    '<option value="2026-03-17">2026-03-17 (1)</option><option value="2026-03-16">2026-03-16 (2)</option>',
  ));
  ok(page.includes('id="f-learner"'));
  ok(page.includes('<iframe name="preview"'));
});

Deno.test("reviewPage() percent-encodes file names in links", () => {
  const page = reviewPage([entry({ file: "1.a b#c.html" })]);
  ok(page.includes('href="1.a%20b%23c.html"'));
});

Deno.test("reviewPage() has no external assets: no src, href or url() outside the folder", () => {
  const page = reviewPage([entry()]);
  ok(!/\b(src|href)="(https?:)?\/\//.test(page), "no remote src/href");
  ok(!/url\(/.test(page), "no CSS url()");
  ok(!/<link\b/.test(page), "no <link>");
  ok(!/<script\b[^>]*\bsrc=/.test(page), "no external script");
});

Deno.test("reviewPage() of no entries says so and is still a page", () => {
  const page = reviewPage([]);
  match(page, /<h1>0 messages<\/h1>/);
  match(page, /<p id="empty">No message matches.<\/p>/);
});

Deno.test("reviewPage() output is valid HTML (html-validate:standard)", async () => {
  const validator = new HtmlValidate({ extends: ["html-validate:standard"] });
  const report = await validator.validateString(
    reviewPage([
      entry({ subject: HOSTILE, fromName: "Data Science" }),
      entry(),
    ]),
  );
  const problems = report.results.flatMap((r) =>
    r.messages.map((m) => `${m.line}: ${m.ruleId} ${m.message}`)
  );
  deepEqual(problems, []);
});

Deno.test("parseEntry() accepts whole entries with optional fields and rejects broken lines", () => {
  deepEqual(parseEntry(JSON.stringify(entry())), entry());
  deepEqual(
    parseEntry(JSON.stringify({ ...entry(), fromName: "F", site: "s", x: 1 })),
    { ...entry(), fromName: "F", site: "s" },
  );
  equal(parseEntry(JSON.stringify(entry()).slice(0, 30)), null);
  equal(parseEntry(""), null);
  equal(parseEntry("null"), null);
  equal(parseEntry(JSON.stringify({ ...entry(), userId: "1" })), null);
  equal(parseEntry(JSON.stringify({ ...entry(), subject: undefined })), null);
});

Deno.test("readManifest() returns entries newest first, without files that are gone or broken lines", async () => {
  await using dir = await tempDir();
  const lines = [
    entry({ file: "1.a.html" }),
    entry({ file: "2.gone.html" }),
    entry({ file: "3.c.html" }),
  ].map((e) => JSON.stringify(e));
  await Deno.writeTextFile(
    join(dir.path, MANIFEST),
    [...lines, '{"file":"4.d.html","da'].join("\n"),
  );
  for (const file of ["1.a.html", "3.c.html", "4.d.html"]) {
    await Deno.writeTextFile(join(dir.path, file), "<html></html>");
  }
  deepEqual((await readManifest(dir.path)).map((e) => e.file), [
    "3.c.html",
    "1.a.html",
  ]);
});

Deno.test("readManifest() and writeReviewIndex() keep one entry per re-delivered file: first place, last content", async () => {
  await using dir = await tempDir();
  const lines = [
    entry({ file: "1.a.html", subject: "old", text: "é old ✓" }),
    entry({ file: "2.b.html", subject: "b" }),
    entry({ file: "1.a.html", subject: "new", text: "é new ✓" }),
    entry({ file: "3.c.html", subject: "c" }),
  ].map((e) => JSON.stringify(e));
  await Deno.writeTextFile(join(dir.path, MANIFEST), lines.join("\n") + "\n");
  for (const file of ["1.a.html", "2.b.html", "3.c.html"]) {
    await Deno.writeTextFile(join(dir.path, file), "<html></html>");
  }
  const entries = await readManifest(dir.path);
  deepEqual(entries.map((e) => [e.file, e.subject, e.text]), [
    ["3.c.html", "c", "Remember when you enrolled?"],
    ["2.b.html", "b", "Remember when you enrolled?"],
    ["1.a.html", "new", "é new ✓"],
  ]);
  await writeReviewIndex(dir.path);
  // The file is written in slices, each ending in a line break: the same page otherwise.
  equal(
    (await Deno.readTextFile(join(dir.path, "index.html")))
      .replaceAll("\n\n", "\n"),
    reviewPage(entries).replaceAll("\n\n", "\n"),
  );
});

Deno.test("readManifest() reads a manifest of several megabytes across its read chunks", async () => {
  await using dir = await tempDir();
  const text = "ü".repeat(700); // two bytes each: lines straddle chunk boundaries
  const files = Array.from({ length: 3000 }, (_, i) => `${i}.m.html`);
  const lines = files.map((file, i) =>
    JSON.stringify(entry({ file, userId: i, text: `${i}${text}` }))
  );
  // The first message re-delivered at the very end: its place is first, its content last.
  lines.push(JSON.stringify(entry({ file: files[0]!, subject: "again" })));
  await Deno.writeTextFile(join(dir.path, MANIFEST), lines.join("\n"));
  for (const file of files) {
    await Deno.writeTextFile(join(dir.path, file), "<html></html>");
  }
  const entries = await readManifest(dir.path);
  equal(entries.length, 3000);
  deepEqual(entries.slice(0, 2).map((e) => [e.userId, e.text.length]), [
    [2999, 704],
    [2998, 704],
  ]);
  deepEqual(entries.map((e) => e.file), files.toReversed());
  deepEqual([entries.at(-1)!.subject, entries.at(-1)!.text], [
    "again",
    "Remember when you enrolled?",
  ]);
  await writeReviewIndex(dir.path);
  equal(
    (await Deno.readTextFile(join(dir.path, "index.html")))
      .replaceAll("\n\n", "\n"),
    reviewPage(entries).replaceAll("\n\n", "\n"),
  );
});

Deno.test("readManifest() of a folder without a manifest is empty", async () => {
  await using dir = await tempDir();
  deepEqual(await readManifest(dir.path), []);
});

Deno.test("writeReviewIndex() writes index.html from the manifest and leaves no temporary file", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(join(dir.path, "7.x.html"), "<html></html>");
  await Deno.writeTextFile(
    join(dir.path, MANIFEST),
    JSON.stringify(entry({ file: "7.x.html", userId: 7, subject: "Hi <7>" })) +
      "\n",
  );
  await writeReviewIndex(dir.path);
  const page = await Deno.readTextFile(join(dir.path, "index.html"));
  ok(page.includes('href="7.x.html"'));
  ok(page.includes("Hi &lt;7&gt;"));
  const names: string[] = [];
  for await (const item of Deno.readDir(dir.path)) names.push(item.name);
  deepEqual(names.sort(), [MANIFEST, "7.x.html", "index.html"].sort());
});
