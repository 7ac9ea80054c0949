/**
 * Studio course exports (OLX) as `courses` and `highlights` records (contract.md "OLX").
 *
 * An export is a `.tar.gz` or its unpacked folder. `course.xml` names the course
 * (`org`, `course`, `url_name` = run); `course/<run>.xml` holds its settings and the chapters in
 * order; `policies/<run>/policy.json` overrides settings (it wins over the XML, as in Open edX);
 * each `chapter/<url_name>.xml` holds a chapter's name, highlights and visibility flags. The
 * result uses the column names of the `courses` and `highlights` import kinds, so the same
 * importers store it.
 */
import { formatDateTime, parseDateTime } from "../domain/dates.ts";
import { DataError } from "../errors.ts";
import { asyncTransaction } from "../store/async_transaction.ts";
import type { Store } from "../store/db.ts";
import { archiveSource, type OlxSource, openSource } from "./_olx_source.ts";
import {
  type Element,
  fail,
  isPointer,
  isRecord,
  parseElement,
  readElement,
  toElement,
} from "./_olx_xml.ts";
import { coursesImporter } from "./courses.ts";
import { highlightsImporter } from "./highlights.ts";
import { importRecords } from "./run.ts";
import type { ImportOptions, ImportResult } from "./session.ts";

/** Options of {@linkcode readOlx}: archive bounds (tests lower them). */
export interface OlxOptions {
  /** Most bytes an archive may unpack to (default 512 MB). */
  maxBytes?: number;
  /** Most entries an archive may hold (default 100 000). */
  maxEntries?: number;
}

/** A record by import column name. */
export interface OlxRow {
  record: Record<string, string>;
}

/** One course read from an export: a `courses` record and its `highlights` rows. */
export interface OlxCourse {
  /** id, display_name, start, end, self_paced, language, highlights_enabled. */
  course: Record<string, string>;
  /** One row per highlight, one row with an empty highlight per chapter without any. */
  highlights: OlxRow[];
}

/** The archive bounds of contract.md. */
export const OLX_LIMITS = {
  maxBytes: 512 * 1024 * 1024,
  maxEntries: 100_000,
} as const;

/**
 * Open edX's start for a course that never set one (`DEFAULT_START_DATE`): Studio does not
 * export a value it did not set, and the LMS then reads this date.
 */
const DEFAULT_START = "2030-01-01T00:00:00.000Z";

/** Reads a Studio export given as a `.tar.gz` file or an unpacked folder. */
export async function readOlx(
  path: string,
  options: OlxOptions = {},
): Promise<OlxCourse> {
  const source = await openSource(path, { ...OLX_LIMITS, ...options });
  return await readCourse(source);
}

/** Reads a Studio export `.tar.gz` from a stream (`schedules import olx -`). */
export async function readOlxStream(
  stream: ReadableStream<Uint8Array<ArrayBuffer>>,
  label: string,
  options: OlxOptions = {},
): Promise<OlxCourse> {
  const source = await archiveSource(stream, label, {
    ...OLX_LIMITS,
    ...options,
  });
  return await readCourse(source);
}

/**
 * Reads the export at `path` and stores it as `import courses` + `import highlights` would, in
 * one transaction (rolled back on a dry run). Returns the two summaries, courses first.
 */
export async function importOlx(
  db: Store,
  path: string,
  options: ImportOptions & OlxOptions,
): Promise<ImportResult[]> {
  const { maxBytes, maxEntries, ...importOptions } = options;
  const limits: OlxOptions = {};
  if (maxBytes !== undefined) limits.maxBytes = maxBytes;
  if (maxEntries !== undefined) limits.maxEntries = maxEntries;
  return await importOlxCourse(db, await readOlx(path, limits), importOptions);
}

/** Stores a course already read (e.g. by {@linkcode readOlxStream}); see {@linkcode importOlx}. */
export async function importOlxCourse(
  db: Store,
  olx: OlxCourse,
  options: ImportOptions,
): Promise<ImportResult[]> {
  return await asyncTransaction(db, options.dryRun ?? false, () => {
    const course = importRecords(db, coursesImporter, [
      { line: 1, values: olx.course },
    ], options);
    if (olx.highlights.length === 0) {
      // No chapter at all: the highlights importer only replaces outlines it receives rows for.
      db.prepare("DELETE FROM course_sections WHERE course_id = ?").run(
        olx.course["id"]!,
      );
    }
    const highlights = importRecords(
      db,
      highlightsImporter,
      olx.highlights.map(({ record }, i) => ({ line: i + 1, values: record })),
      options,
    );
    return Promise.resolve([course, highlights]);
  });
}

/** Settings of one block: the policy's values win over the XML attributes. */
type Settings = (name: string) => unknown;

async function readCourse(source: OlxSource): Promise<OlxCourse> {
  const pointer = await readElement(source, "course.xml", "course");
  const org = keyPart(source, pointer, "org");
  const number = keyPart(source, pointer, "course");
  const run = keyPart(source, pointer, "url_name");
  const id = `course-v1:${org}+${number}+${run}`;
  const definition = isPointer(pointer, ["url_name", "org", "course"])
    ? await readElement(source, `course/${pathOf(run)}.xml`, "course")
    : pointer;
  const policy = await readPolicy(source, run);
  const settings = settingsOf(definition, policy[`course/${run}`]);
  const chapters = definition.children["chapter"] ?? [];
  const highlights: OlxRow[] = [];
  for (const [index, node] of chapters.entries()) {
    const chapter = await readChapter(source, definition, node, policy);
    highlights.push(...chapterRows(id, index + 1, chapter));
  }
  return { course: courseRecord(source, id, settings), highlights };
}

function courseRecord(
  source: OlxSource,
  id: string,
  get: Settings,
): Record<string, string> {
  const where = `the course settings of "${id}"`;
  return {
    id,
    display_name: text(source, get("display_name"), "display_name", where) ??
      "",
    start: date(source, get("start"), "start", where) ?? DEFAULT_START,
    end: date(source, get("end"), "end", where) ?? "",
    self_paced: bool(source, get("self_paced"), "self_paced", where),
    language: text(source, get("language"), "language", where) ?? "",
    highlights_enabled: bool(
      source,
      get("highlights_enabled_for_messaging"),
      "highlights_enabled_for_messaging",
      where,
    ),
  };
}

/** A chapter's fields, already checked. */
interface Chapter {
  name: string;
  highlights: string[];
  hideFromToc: string;
  staffOnly: string;
}

async function readChapter(
  source: OlxSource,
  course: Element,
  node: unknown,
  policy: Record<string, unknown>,
): Promise<Chapter> {
  let element = toElement(node, course.file);
  const urlName = element.attrs["url_name"];
  if (isPointer(element, ["url_name"]) && urlName !== undefined) {
    const file = `chapter/${pathOf(checkName(source, urlName, element))}.xml`;
    const text = await source.read(file);
    if (text === null) {
      throw new DataError(
        `Cannot import "${source.label}": chapter file "${
          source.describe(file)
        }" is missing (listed in "${source.describe(course.file)}")`,
      );
    }
    element = parseElement(source, text, file, "chapter");
  }
  const get = settingsOf(
    element,
    urlName === undefined ? undefined : policy[`chapter/${urlName}`],
  );
  const where = `chapter "${urlName ?? "(inline)"}" in "${
    source.describe(element.file)
  }"`;
  return {
    name: text(source, get("display_name"), "display_name", where) ?? "",
    highlights: highlightList(source, get("highlights"), where),
    hideFromToc: bool(source, get("hide_from_toc"), "hide_from_toc", where),
    staffOnly: bool(
      source,
      get("visible_to_staff_only"),
      "visible_to_staff_only",
      where,
    ),
  };
}

function chapterRows(
  courseId: string,
  section: number,
  chapter: Chapter,
): OlxRow[] {
  const texts = chapter.highlights.length > 0 ? chapter.highlights : [""];
  return texts.map((highlight) => ({
    record: {
      course_id: courseId,
      section: String(section),
      section_name: chapter.name,
      highlight,
      hide_from_toc: chapter.hideFromToc,
      visible_to_staff_only: chapter.staffOnly,
    },
  }));
}

async function readPolicy(
  source: OlxSource,
  run: string,
): Promise<Record<string, unknown>> {
  const file = `policies/${run}/policy.json`;
  const text = await source.read(file);
  if (text === null) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    fail(source, `"${source.describe(file)}" is not valid JSON (${reason})`);
  }
  if (!isRecord(value)) {
    fail(source, `"${source.describe(file)}" is not a JSON object`);
  }
  return value;
}

/** Policy values (when the policy has the key) win over the element's attributes. */
function settingsOf(element: Element, policy: unknown): Settings {
  const overrides = isRecord(policy) ? policy : {};
  return (name) =>
    Object.hasOwn(overrides, name) ? overrides[name] : element.attrs[name];
}

/** Open edX's characters for key parts and url_names (`ALLOWED_ID_CHARS`). */
const NAME = /^[\p{L}\p{N}_.~:-]+$/u;

function keyPart(source: OlxSource, pointer: Element, name: string): string {
  const value = pointer.attrs[name];
  if (value === undefined || value === "") {
    fail(source, `"${source.describe(pointer.file)}" has no ${name} attribute`);
  }
  return checkName(source, value, pointer);
}

function checkName(source: OlxSource, value: string, element: Element): string {
  if (
    !NAME.test(value) || pathOf(value).split("/").some((p) => /^\.*$/.test(p))
  ) {
    fail(
      source,
      `"${source.describe(element.file)}" has an invalid name "${value}"`,
    );
  }
  return value;
}

/** Open edX stores a name with `:` in a sub-folder (`a:b` → `a/b.xml`). */
function pathOf(name: string): string {
  return name.replaceAll(":", "/");
}

function text(
  source: OlxSource,
  value: unknown,
  field: string,
  where: string,
): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  fail(source, `${field} of ${where} is not a text`);
}

/** A date: policy JSON strings, XML attributes, and old exports' JSON-quoted attributes. */
function date(
  source: OlxSource,
  value: unknown,
  field: string,
  where: string,
): string | null {
  let raw = text(source, value, field, where);
  if (raw === null || raw.trim() === "" || raw === "null") return null;
  if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) {
    raw = raw.slice(1, -1);
  }
  try {
    return formatDateTime(parseDateTime(raw));
  } catch {
    fail(source, `${field} of ${where} is not a date: "${raw}"`);
  }
}

function bool(
  source: OlxSource,
  value: unknown,
  field: string,
  where: string,
): "true" | "false" {
  if (value === undefined || value === null) return "false";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") {
    const word = value.trim().toLowerCase();
    if (["true", "1", "yes"].includes(word)) return "true";
    if (["false", "0", "no", ""].includes(word)) return "false";
  }
  fail(
    source,
    `${field} of ${where} is not true or false: ${JSON.stringify(value)}`,
  );
}

/**
 * `highlights`: a JSON list of strings — in XML, inside the attribute (`\u00e9` escapes
 * included); in the policy, the list itself. Blank and repeated entries are dropped.
 */
function highlightList(
  source: OlxSource,
  value: unknown,
  where: string,
): string[] {
  if (value === undefined || value === null) return [];
  let list: unknown = value;
  if (typeof value === "string") {
    try {
      list = JSON.parse(value);
    } catch {
      fail(source, `the highlights of ${where} are not a JSON list: ${value}`);
    }
  }
  if (!Array.isArray(list) || !list.every((h) => typeof h === "string")) {
    fail(source, `the highlights of ${where} are not a JSON list of strings`);
  }
  // A repeated highlight says nothing new, and the outline keeps each text once per section.
  return [...new Set(list.filter((h) => h.trim() !== ""))];
}
