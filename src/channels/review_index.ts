/**
 * `index.html` of the output folder: every message file, newest first, with its date, type,
 * learner and subject, so a reviewer opens one page. Built from a manifest the file channel
 * appends to, so it never has to re-read thousands of message files.
 */
import { join } from "node:path";

/** The manifest file (one JSON object per line) inside the output folder. */
export const MANIFEST = ".ace_index.jsonl";

/** One manifest line. */
export interface IndexEntry {
  file: string;
  date: string;
  name: string;
  userId: number;
  recipient: string;
  subject: string;
  text: string;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(
    ">",
    "&gt;",
  )
    .replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

/** Reads the manifest, keeping entries whose file still exists, newest first. */
export async function readManifest(dir: string): Promise<IndexEntry[]> {
  let text = "";
  try {
    text = await Deno.readTextFile(join(dir, MANIFEST));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  const present = new Set<string>();
  for await (const item of Deno.readDir(dir)) present.add(item.name);
  const entries = new Map<string, IndexEntry>();
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const entry = JSON.parse(line) as IndexEntry;
    // A message re-delivered after a crash appears twice: keep one line per file.
    if (present.has(entry.file)) entries.set(entry.file, entry);
  }
  return [...entries.values()].reverse();
}

/** The review page for some entries. */
export function reviewPage(entries: readonly IndexEntry[]): string {
  const rows = entries.map((e) =>
    `<tr data-name="${escapeHtml(e.name)}" data-date="${
      escapeHtml(e.date)
    }" data-learner="${e.userId} ${escapeHtml(e.recipient)}"><td>${
      escapeHtml(e.date)
    }</td><td>${escapeHtml(e.name)}</td><td>${e.userId} &lt;${
      escapeHtml(e.recipient)
    }&gt;</td><td><a href="${encodeURIComponent(e.file)}" target="preview">${
      escapeHtml(e.subject)
    }</a></td></tr>`
  ).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>schedules: ${entries.length} messages</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1rem; }
table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 1px solid #ddd; padding: .3rem .5rem; text-align: left; font-size: 14px; }
th { background: #f4f4f4; }
</style>
</head>
<body>
<h1>${entries.length} messages</h1>
<table>
<thead><tr><th>Date</th><th>Type</th><th>Learner</th><th>Subject</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}

/** Rewrites `<dir>/index.html` from the manifest. */
export async function writeReviewIndex(dir: string): Promise<void> {
  const page = reviewPage(await readManifest(dir));
  const temp = join(dir, ".index.html.tmp");
  await Deno.writeTextFile(temp, page);
  await Deno.rename(temp, join(dir, "index.html"));
}
