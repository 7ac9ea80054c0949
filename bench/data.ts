/**
 * The benchmark data set: deterministic (seeded) CSV files of users, courses, modes, highlights
 * and enrollments plus a configuration, shaped like a real Open edX export. Enrollment rows come
 * in `created` order with learners spread at random, as an export ordered by enrollment id does,
 * so every loader (the tool and the sqlite3 floors) meets the same random key order.
 */
import { join } from "node:path";

/** Courses in every data set. */
export const COURSES = 40;
/** Enrollments per learner. */
export const ENROLLMENTS_PER_USER = 5;
/** The organisation of every course (the site's org filter). */
export const ORG = "BenchX";
/** The site every course belongs to. */
export const SITE = "bench.example.com";
/** Enrollment dates are spread over this year (UTC). */
export const YEAR_START = Date.UTC(2025, 0, 1);
const YEAR_MS = 365 * 86_400_000;
/** The `send all --date` of the benchmark: every rule's window lies inside the enrollment year. */
export const SEND_DATE = "2025-10-01";
/** The import clock (`--now`). */
export const IMPORT_NOW = "2026-01-01T00:00:00Z";
/** Sections of a course with highlights (one due per week of an 8-week pace). */
export const SECTIONS = 8;

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same sequence everywhere. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One course of the catalog. */
export interface BenchCourse {
  id: string;
  selfPaced: boolean;
  highlights: boolean;
}

/**
 * The catalog: 24 self-paced and 16 instructor-paced courses; 6 of each kind have highlights
 * (the `course_updates` experience), the rest get nudges and upgrade reminders.
 */
export function catalog(): BenchCourse[] {
  return Array.from({ length: COURSES }, (_, i) => ({
    id: `course-v1:${ORG}+C${String(i).padStart(2, "0")}+2025`,
    selfPaced: i < 24,
    highlights: (i >= 18 && i < 24) || i >= 34,
  }));
}

/** The files of one generated data set and its row counts. */
export interface Dataset {
  dir: string;
  enrollments: number;
  users: number;
  files: {
    config: string;
    users: string;
    courses: string;
    modes: string;
    highlights: string;
    enrollments: string;
  };
  /** Bytes of the enrollments CSV. */
  enrollmentsBytes: number;
}

/** Writes text to a file in ~1 MB chunks (bounded memory at a million rows). */
class ChunkWriter {
  readonly #file: Deno.FsFile;
  readonly #encoder = new TextEncoder();
  #parts: string[] = [];
  #size = 0;
  bytes = 0;

  constructor(path: string) {
    this.#file = Deno.openSync(path, {
      write: true,
      create: true,
      truncate: true,
    });
  }

  line(text: string): void {
    this.#parts.push(text, "\n");
    this.#size += text.length + 1;
    if (this.#size >= 1 << 20) this.flush();
  }

  flush(): void {
    let data = this.#encoder.encode(this.#parts.join(""));
    this.bytes += data.length;
    while (data.length > 0) data = data.subarray(this.#file.writeSync(data));
    this.#parts = [];
    this.#size = 0;
  }

  close(): void {
    this.flush();
    this.#file.close();
  }
}

function writeLines(path: string, lines: Iterable<string>): number {
  const writer = new ChunkWriter(path);
  for (const line of lines) writer.line(line);
  writer.close();
  return writer.bytes;
}

/** ISO 8601 UTC to the second, as a MySQL export converted to ISO would give. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + "Z";
}

/**
 * Generates the data set of `enrollments` rows (a multiple of 5) into `dir`, deterministically
 * from `seed`.
 */
export function generateDataset(
  dir: string,
  enrollments: number,
  seed = 7,
): Dataset {
  const users = Math.ceil(enrollments / ENROLLMENTS_PER_USER);
  const random = mulberry32(seed);
  const courses = catalog();
  const files = {
    config: join(dir, "config.json"),
    users: join(dir, "users.csv"),
    courses: join(dir, "courses.csv"),
    modes: join(dir, "modes.csv"),
    highlights: join(dir, "highlights.csv"),
    enrollments: join(dir, "enrollments.csv"),
  };
  Deno.writeTextFileSync(files.config, JSON.stringify(configJson(), null, 2));
  writeLines(files.courses, courseLines(courses));
  writeLines(files.modes, modeLines(courses));
  writeLines(files.highlights, highlightLines(courses));
  writeLines(files.users, userLines(users, random));
  const enrollmentsBytes = writeLines(
    files.enrollments,
    enrollmentLines(enrollments, users, random),
  );
  return { dir, enrollments, users, files, enrollmentsBytes };
}

/** One site owning the BenchX org, every flag on, a 21-day dynamic upgrade deadline. */
export function configJson(): Record<string, unknown> {
  return {
    platform: {
      platform_name: "Bench Academy",
      lms_root_url: "https://bench.example.com",
      learning_mfe_url: "https://apps.bench.example.com/learning",
      default_from_email: "learning@bench.example.com",
      contact_email: "support@bench.example.com",
      contact_mailing_address: "1 Bench Street, Springfield",
      logo_url: "https://bench.example.com/static/logo.png",
      marketing_urls: { ROOT: "https://www.bench.example.com" },
      ecommerce: {
        enabled: true,
        public_url_root: "https://ecommerce.bench.example.com",
        basket_path: "/basket/add/",
      },
      verification_window_days: 10,
      default_language: "en",
    },
    sites: [{
      domain: SITE,
      configuration: {
        enabled: true,
        values: { course_org_filter: [ORG] },
      },
      schedule_config: {
        enqueue_recurring_nudge: true,
        deliver_recurring_nudge: true,
        enqueue_upgrade_reminder: true,
        deliver_upgrade_reminder: true,
        enqueue_course_update: true,
        deliver_course_update: true,
      },
    }],
    dynamic_upgrade_deadline: { global: { enabled: true, deadline_days: 21 } },
  };
}

function* courseLines(courses: readonly BenchCourse[]): Iterable<string> {
  yield "id,display_name,start,end,self_paced,language,highlights_enabled,weeks_to_complete";
  for (const [i, c] of courses.entries()) {
    yield [
      c.id,
      `Bench course ${i}`,
      "2025-01-01T00:00:00Z",
      "2027-06-30T00:00:00Z",
      String(c.selfPaced),
      i % 5 === 4 ? "es" : "en",
      String(c.highlights),
      c.selfPaced && c.highlights ? "8" : "",
    ].join(",");
  }
}

function* modeLines(courses: readonly BenchCourse[]): Iterable<string> {
  yield "course_id,mode_slug,expiration_datetime,sku,min_price";
  for (const [i, c] of courses.entries()) {
    yield `${c.id},audit,,,0`;
    yield `${c.id},verified,,SKU-C${i},49`;
  }
}

function* highlightLines(courses: readonly BenchCourse[]): Iterable<string> {
  yield "course_id,section,section_name,highlight,hide_from_toc,visible_to_staff_only";
  for (const c of courses.filter((course) => course.highlights)) {
    for (let s = 1; s <= SECTIONS; s++) {
      for (let h = 1; h <= 2; h++) {
        yield `${c.id},${s},Section ${s},Highlight ${h} of section ${s},false,false`;
      }
    }
  }
}

const FIRST = ["Ana", "Ben", "Chloé", "Dmitri", "Emeka", "Fatima", "Günter"];
const LAST = ["García", "Okafor", "Martin", "Ivanov", "Nakamura", "Smith"];

function* userLines(users: number, random: () => number): Iterable<string> {
  yield "id,username,email,name,is_active,has_usable_password";
  for (let id = 1; id <= users; id++) {
    const name = `${FIRST[Math.floor(random() * FIRST.length)]} ${
      LAST[Math.floor(random() * LAST.length)]
    }`;
    const active = random() < 0.98;
    yield `${id},learner${id},learner${id}@example.com,${name},${active},true`;
  }
}

/**
 * Enrollment rows: each learner takes 5 distinct courses at random times of the year; rows are
 * written sorted by `created` (typed arrays keep a million rows at ~20 MB).
 */
function* enrollmentLines(
  rows: number,
  users: number,
  random: () => number,
): Iterable<string> {
  const user = new Uint32Array(rows);
  const course = new Uint8Array(rows);
  const created = new Float64Array(rows);
  for (let u = 0; u < users; u++) {
    const picked = pickDistinct(ENROLLMENTS_PER_USER, COURSES, random);
    for (let k = 0; k < ENROLLMENTS_PER_USER; k++) {
      const row = u * ENROLLMENTS_PER_USER + k;
      if (row >= rows) break;
      user[row] = u + 1;
      course[row] = picked[k]!;
      created[row] = YEAR_START + Math.floor(random() * YEAR_MS / 1000) * 1000;
    }
  }
  const order = new Uint32Array(rows).map((_, i) => i);
  order.sort((a, b) => created[a]! - created[b]! || a - b);
  const ids = catalog().map((c) => c.id);
  yield "user_id,course_id,created,mode,is_active";
  for (const row of order) {
    const mode = random() < 0.15 ? "verified" : "audit";
    const active = random() < 0.97;
    yield `${user[row]},${ids[course[row]!]},${
      isoSeconds(created[row]!)
    },${mode},${active}`;
  }
}

/** `count` distinct integers in [0, max), in random order. */
export function pickDistinct(
  count: number,
  max: number,
  random: () => number,
): number[] {
  const picked: number[] = [];
  while (picked.length < count) {
    const next = Math.floor(random() * max);
    if (!picked.includes(next)) picked.push(next);
  }
  return picked;
}
