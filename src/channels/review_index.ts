/**
 * `index.html` of the output folder: the review page. Every message file, newest first, with
 * its date, type, learner and subject; filters by type, date and learner; clicking a message
 * shows it in a frame with its subject, recipient and text part beside it. Plain HTML with a
 * little inline script and no external assets, so it opens from disk anywhere; without script
 * the links still open each email in the frame. Built from a manifest the file channel appends
 * to, so it never has to re-read thousands of message files.
 */
import { join } from "node:path";

/** The manifest file (one JSON object per line) inside the output folder. */
export const MANIFEST = ".ace_index.jsonl";

/** One manifest line. */
export interface IndexEntry {
  /** The message file's name inside the output folder. */
  file: string;
  /** The run date, YYYY-MM-DD. */
  date: string;
  /** The message name, e.g. `recurringnudge_day3`. */
  name: string;
  userId: number;
  recipient: string;
  subject: string;
  /** The text part. */
  text: string;
  /** The from-name, when the writer recorded it. */
  fromName?: string;
  /** The site domain, when the writer recorded it. */
  site?: string;
}

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  // One pass: the text part of every message goes through here.
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A manifest line as an entry, or null when it is not one (e.g. cut short by a killed run). */
export function parseEntry(line: string): IndexEntry | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (value === null || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  const strings = ["file", "date", "name", "recipient", "subject", "text"];
  if (
    !strings.every((key) => typeof v[key] === "string") ||
    typeof v.userId !== "number"
  ) return null;
  const entry = v as unknown as IndexEntry;
  return {
    file: entry.file,
    date: entry.date,
    name: entry.name,
    userId: entry.userId,
    recipient: entry.recipient,
    subject: entry.subject,
    text: entry.text,
    ...(typeof v.fromName === "string" ? { fromName: v.fromName } : {}),
    ...(typeof v.site === "string" ? { site: v.site } : {}),
  };
}

const decoder = new TextDecoder();

/** How much of the manifest is read at once. */
const CHUNK = 1 << 20;

/** Where one kept manifest line is, with the fields the page header counts. */
interface ManifestLine {
  name: string;
  date: string;
  /** Byte range of the line in the manifest. */
  from: number;
  to: number;
}

/** The manifest, open for reading, or null when the folder has none. */
async function openManifest(dir: string): Promise<Deno.FsFile | null> {
  try {
    return await Deno.open(join(dir, MANIFEST), { read: true });
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

/** Calls `onLine` with each line of `file` and its byte range, reading a chunk at a time. */
async function eachLine(
  file: Deno.FsFile,
  onLine: (line: Uint8Array, from: number, to: number) => void,
): Promise<void> {
  const buffer = new Uint8Array(CHUNK);
  let carry = new Uint8Array(0);
  let base = 0;
  for (
    let n = await file.read(buffer);
    n !== null;
    n = await file.read(buffer)
  ) {
    const read = buffer.subarray(0, n);
    const data = carry.length === 0 ? read : concat(carry, read);
    let from = 0;
    for (let end = data.indexOf(10); end >= 0; end = data.indexOf(10, from)) {
      onLine(data.subarray(from, end), base + from, base + end);
      from = end + 1;
    }
    carry = data.slice(from);
    base += from;
  }
  if (carry.length > 0) onLine(carry, base, base + carry.length);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/**
 * The manifest's lines whose file still exists, newest first. Only their places are kept: the
 * entries (the text part makes them large) are read back one slice at a time when the page is
 * written, so a folder's long history is never held in memory, as bytes or as objects.
 */
async function manifestLines(
  dir: string,
  file: Deno.FsFile,
): Promise<ManifestLine[]> {
  const present = new Set<string>();
  for await (const item of Deno.readDir(dir)) present.add(item.name);
  // A message re-delivered after a crash appears twice: keep one entry per file (the place of
  // its first line, the content of its last).
  const lines = new Map<string, ManifestLine>();
  await eachLine(file, (bytes, from, to) => {
    const entry = parseEntry(decoder.decode(bytes));
    if (entry === null || !present.has(entry.file)) return;
    const line = { name: entry.name, date: entry.date, from, to };
    const kept = lines.get(entry.file);
    if (kept) Object.assign(kept, line);
    else lines.set(entry.file, line);
  });
  return [...lines.values()].reverse();
}

/** `length` bytes of `file` from `offset`. */
async function readAt(
  file: Deno.FsFile,
  offset: number,
  length: number,
): Promise<Uint8Array> {
  await file.seek(offset, Deno.SeekMode.Start);
  const bytes = new Uint8Array(length);
  for (let done = 0; done < length;) {
    const n = await file.read(bytes.subarray(done));
    if (n === null) throw new Error(`${MANIFEST} changed while it was read`);
    done += n;
  }
  return bytes;
}

/**
 * The entries of some kept lines (each parsed once already). Lines written together lie
 * together: one read covers them, unless a re-delivered line lies far away.
 */
async function entriesAt(
  file: Deno.FsFile,
  lines: readonly ManifestLine[],
): Promise<IndexEntry[]> {
  if (lines.length === 0) return [];
  const parse = (bytes: Uint8Array) => parseEntry(decoder.decode(bytes))!;
  const from = Math.min(...lines.map((line) => line.from));
  const to = Math.max(...lines.map((line) => line.to));
  const needed = lines.reduce((sum, line) => sum + line.to - line.from, 0);
  if (to - from <= 2 * needed + CHUNK) {
    const bytes = await readAt(file, from, to - from);
    return lines.map((line) =>
      parse(bytes.subarray(line.from - from, line.to - from))
    );
  }
  const entries: IndexEntry[] = [];
  for (const line of lines) {
    entries.push(parse(await readAt(file, line.from, line.to - line.from)));
  }
  return entries;
}

/** Reads the manifest, keeping entries whose file still exists, newest first. */
export async function readManifest(dir: string): Promise<IndexEntry[]> {
  using file = await openManifest(dir);
  return file ? await entriesAt(file, await manifestLines(dir, file)) : [];
}

/** `<option>`s for the distinct values of a field, with counts, in first-seen order. */
function options(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) =>
    `<option value="${escapeHtml(value)}">${
      escapeHtml(value)
    } (${count})</option>`
  ).join("");
}

/** One list row: the visible cells plus everything the viewer shows, as data attributes. */
function row(entry: IndexEntry): string {
  const attr = (name: string, value: string) =>
    ` data-${name}="${escapeHtml(value)}"`;
  const href = escapeHtml(encodeURIComponent(entry.file));
  return `<tr${attr("name", entry.name)}${attr("date", entry.date)}${
    attr("user", String(entry.userId))
  }${attr("to", entry.recipient)}${attr("subject", entry.subject)}${
    attr("from", entry.fromName ?? "")
  }${attr("site", entry.site ?? "")}${attr("text", entry.text)}>` +
    `<td><a href="${href}" target="preview">${
      escapeHtml(entry.subject) || "(no subject)"
    }</a><small>${escapeHtml(entry.name)}</small></td>` +
    `<td>${entry.userId}<small>${escapeHtml(entry.recipient)}</small></td>` +
    `<td>${escapeHtml(entry.date)}</td></tr>`;
}

const STYLE = `
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f;
  display: flex; flex-direction: column; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem;
  padding: .6rem 1rem; background: #f4f5f7; border-bottom: 1px solid #d8dbe0; }
h1 { font-size: 1.1rem; margin: 0; }
form { display: flex; flex-wrap: wrap; gap: .5rem 1rem; }
label { display: flex; align-items: center; gap: .35rem; }
select, input { font: inherit; padding: .15rem .3rem; }
#shown { color: #555; }
#empty { padding: .6rem 1rem; color: #555; }
main { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(20rem, 30%) 1fr; }
#list { overflow: auto; border-right: 1px solid #d8dbe0; }
table { border-collapse: collapse; width: 100%; }
th { position: sticky; top: 0; background: #fff; text-align: left; font-weight: 600;
  border-bottom: 2px solid #d8dbe0; padding: .35rem .5rem; }
td { border-bottom: 1px solid #eceef1; padding: .3rem .5rem; vertical-align: top; }
tbody tr { cursor: pointer; }
tbody tr:hover { background: #f0f6fc; }
tbody tr.current { background: #dcebfa; }
td small { display: block; color: #5f6368; font-size: 12px; overflow-wrap: anywhere; }
td:nth-child(3) { white-space: nowrap; color: #5f6368; }
tbody tr.current a { font-weight: 600; }
#viewer { display: flex; flex-direction: column; min-width: 0; min-height: 0; }
#meta { padding: .6rem 1rem; border-bottom: 1px solid #d8dbe0; }
#meta h2 { font-size: 1.05rem; margin: 0 0 .3rem; }
dl { display: grid; grid-template-columns: auto 1fr; gap: .1rem .8rem; margin: 0; }
dt { color: #555; }
dd { margin: 0; overflow-wrap: anywhere; }
dl div { display: contents; }
dl div.none { display: none; }
#panes { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) minmax(14rem, 18rem); }
iframe { width: 100%; height: 100%; border: 0; background: #fff; }
aside { border-left: 1px solid #d8dbe0; overflow: auto; padding: .6rem .8rem; background: #fafbfc; }
aside h3 { font-size: .95rem; margin: 0 0 .4rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font: 12.5px/1.45 ui-monospace, monospace; margin: 0; }
@media (max-width: 1000px) {
  main { grid-template-columns: 1fr; grid-template-rows: 40% 60%; }
  #panes { grid-template-columns: 1fr; grid-template-rows: 65% 35%; }
}`;

/** The page's behaviour: filters (kept in the URL hash), selection, arrow keys. No data inside. */
const SCRIPT = `
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var rows = Array.prototype.slice.call(document.querySelectorAll("#messages tbody tr"));
  var fName = $("f-name"), fDate = $("f-date"), fLearner = $("f-learner");
  var current = null;
  function matches(row) {
    var q = fLearner.value.trim().toLowerCase();
    if (fName.value && row.dataset.name !== fName.value) return false;
    if (fDate.value && row.dataset.date !== fDate.value) return false;
    if (!q) return true;
    if (/^\\d+$/.test(q)) return row.dataset.user === q;
    return row.dataset.to.toLowerCase().indexOf(q) >= 0;
  }
  function visible() { return rows.filter(function (row) { return !row.hidden; }); }
  function saveHash() {
    var p = new URLSearchParams();
    if (fName.value) p.set("type", fName.value);
    if (fDate.value) p.set("date", fDate.value);
    if (fLearner.value.trim()) p.set("learner", fLearner.value.trim());
    if (current) p.set("file", current.querySelector("a").getAttribute("href"));
    try { history.replaceState(null, "", "#" + p.toString()); } catch (e) { /* some file: URLs refuse */ }
  }
  function show(row) {
    if (current) current.classList.remove("current");
    current = row;
    if (!row) {
      $("v-subject").textContent = "No message selected";
      $("v-fields").hidden = true;
      ["v-to", "v-from", "v-name", "v-date", "v-text"].forEach(function (id) { $(id).textContent = ""; });
      $("v-file").textContent = ""; $("v-file").removeAttribute("href");
      $("v-frame").removeAttribute("src");
      return;
    }
    var d = row.dataset, href = row.querySelector("a").getAttribute("href");
    row.classList.add("current");
    $("v-fields").hidden = false;
    $("v-subject").textContent = d.subject || "(no subject)";
    $("v-to").textContent = d.user + " <" + d.to + ">";
    $("v-from").textContent = d.from;
    $("v-from-row").className = d.from ? "" : "none";
    $("v-name").textContent = d.name + (d.site ? " \\u00b7 " + d.site : "");
    $("v-date").textContent = d.date;
    $("v-text").textContent = d.text;
    $("v-file").textContent = decodeURIComponent(href);
    $("v-file").setAttribute("href", href);
    $("v-file").setAttribute("target", "_blank");
    if ($("v-frame").getAttribute("src") !== href) $("v-frame").setAttribute("src", href);
  }
  function apply(keep) {
    var shown = 0;
    rows.forEach(function (row) { row.hidden = !matches(row); if (!row.hidden) shown++; });
    $("shown").textContent = shown + " of " + rows.length + " shown";
    $("empty").hidden = shown > 0;
    if (!keep || !current || current.hidden) show(visible()[0] || null);
    saveHash();
  }
  function step(delta) {
    var list = visible(), i = list.indexOf(current) + delta;
    if (i >= 0 && i < list.length) { show(list[i]); current.scrollIntoView({ block: "nearest" }); saveHash(); }
  }
  function restore() {
    var p = new URLSearchParams(location.hash.slice(1));
    fName.value = p.get("type") || ""; fDate.value = p.get("date") || "";
    fLearner.value = p.get("learner") || "";
    var file = p.get("file"), wanted = null;
    rows.forEach(function (row) { if (row.querySelector("a").getAttribute("href") === file) wanted = row; });
    apply(false);
    if (wanted && !wanted.hidden) { show(wanted); saveHash(); }
  }
  rows.forEach(function (row) {
    row.addEventListener("click", function (event) {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault(); show(row); saveHash();
    });
  });
  [fName, fDate].forEach(function (el) { el.addEventListener("change", function () { apply(true); }); });
  fLearner.addEventListener("input", function () { apply(true); });
  $("filters").addEventListener("submit", function (event) { event.preventDefault(); });
  document.addEventListener("keydown", function (event) {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
    if (event.key === "ArrowDown" || event.key === "j") { step(1); event.preventDefault(); }
    if (event.key === "ArrowUp" || event.key === "k") { step(-1); event.preventDefault(); }
  });
  restore();
})();`;

/** The page up to the first message row. */
function pageStart(
  entries: readonly Pick<IndexEntry, "name" | "date">[],
): string {
  const count = entries.length;
  const noun = count === 1 ? "message" : "messages";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>schedules: ${count} ${noun}</title>
<style>${STYLE}
</style>
</head>
<body>
<header>
<h1>${count} ${noun}</h1>
<form id="filters" role="search">
<label>Type <select id="f-name"><option value="">all types</option>${
    options(entries.map((e) => e.name))
  }</select></label>
<label>Date <select id="f-date"><option value="">all dates</option>${
    options(entries.map((e) => e.date))
  }</select></label>
<label>Learner <input id="f-learner" type="search" placeholder="user id or email" autocomplete="off"></label>
</form>
<span id="shown" aria-live="polite">${count} shown</span>
</header>
<main>
<section id="list" aria-label="Messages">
<table id="messages">
<thead><tr><th>Subject and type</th><th>Learner</th><th>Date</th></tr></thead>
<tbody>
`;
}

/** The page after the last message row. */
function pageEnd(count: number): string {
  return `
</tbody>
</table>
<p id="empty"${count > 0 ? " hidden" : ""}>No message matches.</p>
</section>
<section id="viewer" aria-label="Selected message">
<div id="meta">
<h2 id="v-subject">Select a message</h2>
<dl id="v-fields" hidden>
<dt>To</dt><dd id="v-to"></dd>
<div id="v-from-row"><dt>From</dt><dd id="v-from"></dd></div>
<dt>Type</dt><dd id="v-name"></dd>
<dt>Date</dt><dd id="v-date"></dd>
<dt>File</dt><dd><a id="v-file"></a></dd>
</dl>
</div>
<div id="panes">
<iframe name="preview" id="v-frame" title="HTML part" sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>
<aside aria-label="Text part"><h3>Text part</h3><pre id="v-text"></pre></aside>
</div>
</section>
</main>
<script>${SCRIPT}
</script>
</body>
</html>
`;
}

/** The review page for some entries (newest first). */
export function reviewPage(entries: readonly IndexEntry[]): string {
  return pageStart(entries) + entries.map(row).join("\n") +
    pageEnd(entries.length);
}

/** Rewrites `<dir>/index.html` from the manifest. */
export async function writeReviewIndex(dir: string): Promise<void> {
  using manifest = await openManifest(dir);
  const lines = manifest ? await manifestLines(dir, manifest) : [];
  const temp = join(dir, ".index.html.tmp");
  // Written in slices: one string for tens of thousands of rows would double the run's memory.
  const encoder = new TextEncoder();
  using file = await Deno.open(temp, {
    write: true,
    create: true,
    truncate: true,
  });
  const write = async (text: string) => {
    const encoded = encoder.encode(text);
    for (let done = 0; done < encoded.length;) {
      done += await file.write(encoded.subarray(done));
    }
  };
  await write(pageStart(lines));
  for (let from = 0; from < lines.length && manifest; from += 100) {
    const entries = await entriesAt(manifest, lines.slice(from, from + 100));
    await write(entries.map(row).join("\n") + "\n");
  }
  await write(pageEnd(lines.length));
  await Deno.rename(temp, join(dir, "index.html"));
}
