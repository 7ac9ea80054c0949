/**
 * `import enrollments`: a new (user, course) pair is inserted and gets its schedule right away
 * (behaviour.md §2.1–2.3, at the enrollment's `created`); a known one has is_active and mode
 * updated, and a mode change resets a self-paced schedule's start (§2.5). A user not yet known
 * is created when the row gives username and email.
 */
import type { StatementSync } from "node:sqlite";
import type { DeadlineConfig } from "../config.ts";
import {
  applyScheduleRule,
  resetStartDate,
  type ScheduleRule,
  scheduleRule,
} from "../domain/lifecycle.ts";
import type { Millis } from "../domain/types.ts";
import { loadConfig } from "../store/config_store.ts";
import { pageCache, type Store } from "../store/db.ts";
import { ScheduleBatch, ScheduleWriter } from "../store/schedule_writer.ts";
import { type CachedCourse, CourseCache } from "./course_cache.ts";
import {
  boolCell,
  choose,
  emailCell,
  type Given,
  type ImportRecord,
  requiredCourseId,
  requiredDate,
  requiredId,
  requiredText,
  RowError,
  textCell,
  toBool,
  verbatimCell,
} from "./fields.ts";
import { IdSet } from "./id_set.ts";
import {
  type ImportSession,
  type KindImporter,
  MAX_LISTED_ROWS,
  type RowHandler,
} from "./session.ts";

/** An `enrollments` row as stored. */
export interface EnrollmentRow {
  id: number;
  created: Millis;
  mode: string;
  is_active: number;
}

interface LookupRow {
  user_known: number;
  id: number | null;
  created: Millis | null;
  mode: string | null;
  is_active: number | null;
}

/** A known course as this import uses it: its facts and the rule of its new schedules. */
interface ImportCourse {
  facts: CachedCourse;
  rule: ScheduleRule;
}

interface EnrollmentCells {
  userId: number;
  courseId: string;
  created: Millis;
  mode: Given<string>;
  isActive: Given<boolean>;
  course: ImportCourse;
}

/** The enrollments import kind. */
export const enrollmentsImporter: KindImporter = {
  kind: "enrollments",
  required: ["user_id", "course_id", "created"],
  optional: ["mode", "is_active", "username", "email", "name"],
  begin: (db, session) => new EnrollmentHandler(db, session),
  // Users are looked up (or created) per row, and courses come from the course cache.
  checksReferences: true,
};

/**
 * New enrollments inserted per statement on the bulk path: each statement call from JavaScript
 * costs a few µs in node:sqlite, more than SQLite's own work for a row.
 */
const CHUNK = 128;

/** Values of one enrollment row in the chunk insert. */
const ENROLLMENT_VALUES = 5;

/**
 * A bad row of the bulk path whose pair is valid. The row-by-row path reports a pair inserted on
 * an earlier line before a bad cell, and without the pair index that is only known once the
 * bulk path ends.
 */
interface Suspect {
  line: number;
  userId: number;
  courseId: string;
  error: RowError;
}

/** An index dropped for a first load. */
interface DroppedIndex {
  name: string;
  /** Its `CREATE INDEX` text. */
  sql: string;
}

/** The unique index of (user_id, course_id) (migration 004). */
const PAIR_INDEX = "enrollments_user_course";

/**
 * Indexes a first load keeps up to date: the bulk path appends to them in key order (schedules
 * in enrollment id order, history rows in schedule id order), which costs less than building
 * them again from the whole table.
 */
const KEPT_INDEXES: ReadonlySet<string> = new Set([
  "schedules_enrollment",
  "schedule_history_id",
]);

/**
 * Page cache while an index is built, in KiB. SQLite's sorter keeps up to one page cache's worth
 * of keys in memory before it writes a sorted run to a temp file: with the import's 16 MiB cache
 * each build of a million keys added 16 MiB to the peak RSS. Runs of 2 MiB merge as fast
 * (measured at a million enrollments: no slower, the peak about 15 MB lower).
 */
const INDEX_BUILD_CACHE_KIB = 2 * 1024;

/** SQLITE_CONSTRAINT, the primary result code of every constraint failure. */
const SQLITE_CONSTRAINT = 19;

function isConstraintError(error: unknown): boolean {
  if (!(error instanceof Error) || !("errcode" in error)) return false;
  const code = error.errcode;
  return typeof code === "number" && (code & 0xff) === SQLITE_CONSTRAINT;
}

/**
 * Applies enrollment rows; statements and config are prepared once per file.
 *
 * Two paths give the same result. Row by row: one lookup per row, then an insert or an update.
 * Bulk, while the table held no enrollment when the import began (a first load): rows are
 * validated in JavaScript and inserted {@linkcode CHUNK} at a time with no lookup and without
 * the indexes, since only this file can hold the pair; a pair the file repeats is found when the
 * unique pair index is built at the end and reported as the row-by-row path would have. Users
 * are checked against the ids known when the import began: at the first unknown one (to create
 * or report) the bulk path ends (the pair index is built) and the rest of the file goes row by
 * row.
 */
class EnrollmentHandler implements RowHandler {
  readonly #db: Store;
  readonly #session: ImportSession;
  readonly #deadlines: DeadlineConfig;
  readonly #courses: CourseCache;
  /** Known courses by the course id text of the rows, whose key syntax was checked. */
  readonly #importCourses = new Map<string, ImportCourse>();
  readonly #schedules: ScheduleWriter;
  readonly #batch: ScheduleBatch;
  readonly #insertUser: StatementSync;
  readonly #lookup: StatementSync;
  readonly #insert: StatementSync;
  readonly #update: StatementSync;
  /** Courses without a start, with the number of new enrollments left without a schedule. */
  readonly #noStart = new Map<string, number>();
  /** The first enrollment id this import inserts: higher ids were inserted by this file. */
  readonly #firstNewId: number;
  /** The line of each enrollment inserted by this file, by id − firstNewId. */
  #newLines = new Uint32Array(1024);
  /** Whether rows still take the bulk path. */
  #bulk: boolean;
  /** The users known when a first load began. */
  #knownUsers = new IdSet(new Float64Array(0));
  /** Rows of the bulk path waiting for their chunk, and their lines. */
  #pending: EnrollmentCells[] = [];
  #pendingLines: number[] = [];
  readonly #chunkInserts = new Map<number, StatementSync>();
  /** Indexes dropped for a first load, rebuilt when the bulk path ends or by `finish`. */
  readonly #dropped: DroppedIndex[] = [];
  /** Bad rows of the bulk path that may be listed, waiting for the pair index. */
  #suspects: Suspect[] = [];

  constructor(db: Store, session: ImportSession) {
    this.#db = db;
    this.#session = session;
    this.#deadlines = loadConfig(db).dynamic_upgrade_deadline;
    this.#courses = new CourseCache(db);
    this.#schedules = new ScheduleWriter(db);
    this.#insertUser = db.prepare(
      "INSERT INTO users (id, username, email, name) VALUES (?, ?, ?, ?)",
    );
    // One lookup per row answers both "is the user known?" and "is the enrollment known?".
    this.#lookup = db.prepare(
      `SELECT EXISTS (SELECT 1 FROM users WHERE id = ?1) AS user_known, e.id, e.created, e.mode,
         e.is_active FROM (SELECT 1) LEFT JOIN enrollments e ON e.user_id = ?1 AND e.course_id = ?2`,
    );
    this.#insert = db.prepare(
      `INSERT INTO enrollments (user_id, course_id, created, mode, is_active)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.#update = db.prepare(
      "UPDATE enrollments SET mode = ?, is_active = ? WHERE id = ?",
    );
    const max = db.prepare("SELECT MAX(id) AS id FROM enrollments").get() as {
      id: number | null;
    };
    this.#firstNewId = (max.id ?? 0) + 1;
    this.#bulk = max.id === null;
    this.#batch = new ScheduleBatch(db);
    if (this.#bulk) {
      this.#dropIndexes();
      const { ids } = db.prepare(
        "SELECT json_group_array(id) AS ids FROM (SELECT id FROM users ORDER BY id)",
      ).get() as { ids: string };
      this.#knownUsers = new IdSet(
        Float64Array.from(JSON.parse(ids) as number[]),
      );
    }
  }

  row(record: ImportRecord): void {
    if (!this.#bulk) return this.#rowOneByOne(record);
    // A bad id or course key is reported as the row-by-row path does: those checks come first.
    const userId = requiredId(record, "user_id");
    const courseId = this.#courseId(record);
    let cells: EnrollmentCells;
    try {
      cells = this.#cells(record, userId, courseId);
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      return this.#suspect(record, userId, courseId, error);
    }
    if (!this.#knownUsers.has(userId)) {
      this.#settle();
      this.#endBulk();
      return this.#rowOneByOne(record);
    }
    this.#pending.push(cells);
    this.#pendingLines.push(record.line);
    if (this.#pending.length === CHUNK) this.#settle();
  }

  /**
   * A bad row of the bulk path: reported once the rows before it are in and the pair index says
   * whether its pair came earlier (then it is a duplicate, as row by row). Only rows that can
   * still be among the rows listed wait; the others count the same either way.
   */
  #suspect(
    record: ImportRecord,
    userId: number,
    courseId: string,
    error: RowError,
  ): void {
    this.#settle();
    if (this.#session.badRows + this.#suspects.length >= MAX_LISTED_ROWS) {
      throw error;
    }
    this.#suspects.push({ line: record.line, userId, courseId, error });
  }

  /** Inserts the rows waiting for their chunk. */
  #settle(): void {
    const rows = this.#pending;
    if (rows.length === 0) return;
    const lines = this.#pendingLines;
    this.#pending = [];
    this.#pendingLines = [];
    const values: (number | string)[] = [];
    for (const cells of rows) {
      values.push(
        cells.userId,
        cells.courseId,
        cells.created,
        choose(cells.mode, undefined, "audit"),
        choose(cells.isActive, undefined, true) ? 1 : 0,
      );
    }
    const last = Number(
      this.#chunkInsert(rows.length).run(...values).lastInsertRowid,
    );
    // A rowid table without AUTOINCREMENT gives each new row max(id) + 1, in VALUES order.
    const first = last - rows.length + 1;
    for (let k = 0; k < rows.length; k++) {
      this.#inserted(first + k, rows[k]!, lines[k]!);
    }
  }

  /**
   * A first load drops the indexes of the tables it fills, the unique keys included, and builds
   * them again by sorting once the rows are in, which is several times faster than keeping them
   * up to date row by row in random order ({@linkcode KEPT_INDEXES} excepted). The import's
   * transaction covers both, so a rollback restores them.
   */
  #dropIndexes(): void {
    const indexes = this.#db.prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
       AND tbl_name IN ('enrollments', 'schedules', 'schedule_experiences', 'schedule_history')`,
    ).all() as { name: string; sql: string }[];
    for (const { name, sql } of indexes) {
      if (KEPT_INDEXES.has(name)) continue;
      this.#db.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
      this.#dropped.push({ name, sql });
    }
  }

  /**
   * Ends the bulk path: builds the pair index (the row-by-row lookups need it), reports the
   * pairs the file repeated and the bad rows waiting for it.
   */
  #endBulk(): void {
    this.#bulk = false;
    const at = this.#dropped.findIndex(({ name }) => name === PAIR_INDEX);
    if (at >= 0) {
      const [pair] = this.#dropped.splice(at, 1);
      try {
        this.#buildIndex(pair!.sql);
      } catch (error) {
        if (!isConstraintError(error)) throw error;
        // The file repeats a pair, so this import fails; the rest of the file is still checked,
        // with a plain index for the lookups (the rollback drops it).
        this.#buildIndex(
          `CREATE INDEX ${PAIR_INDEX} ON enrollments (user_id, course_id)`,
        );
        this.#reportRepeatedPairs();
      }
    }
    const first = this.#db.prepare(
      "SELECT MIN(id) AS id FROM enrollments WHERE user_id = ? AND course_id = ?",
    );
    for (const { line, userId, courseId, error } of this.#suspects) {
      const found = first.get(userId, courseId) as { id: number | null };
      const firstLine = found.id === null ? undefined : this.#lineOf(found.id);
      if (firstLine !== undefined && firstLine < line) {
        const reason = duplicate(`user ${userId} in ${courseId}`, firstLine);
        this.#session.bad(line, null, reason);
      } else this.#session.bad(line, error.column, error.message);
    }
    this.#suspects = [];
  }

  /** Runs a `CREATE INDEX` with a small sorter ({@linkcode INDEX_BUILD_CACHE_KIB}). */
  #buildIndex(sql: string): void {
    using _cache = pageCache(this.#db, "main", INDEX_BUILD_CACHE_KIB);
    // Run as a statement: errors of `exec` carry no result code.
    this.#db.prepare(sql).run();
  }

  /** Each row of a pair inserted more than once, but the first, is a duplicate. */
  #reportRepeatedPairs(): void {
    const repeated = this.#db.prepare(
      `SELECT id, user_id, course_id, first FROM (
         SELECT id, user_id, course_id,
           MIN(id) OVER (PARTITION BY user_id, course_id) AS first
         FROM enrollments WHERE id >= ?)
       WHERE id > first`,
    );
    const rows = repeated.iterate(this.#firstNewId) as Iterable<{
      id: number;
      user_id: number;
      course_id: string;
      first: number;
    }>;
    for (const row of rows) {
      this.#session.bad(
        this.#lineOf(row.id),
        null,
        duplicate(
          `user ${row.user_id} in ${row.course_id}`,
          this.#lineOf(row.first),
        ),
      );
    }
  }

  /** The course id of a row; a key already seen with a known course is not parsed again. */
  #courseId(record: ImportRecord): string {
    const text = requiredText(record, "course_id");
    if (this.#importCourses.has(text)) return text;
    return requiredCourseId(record, "course_id");
  }

  /** A known course, or undefined. */
  #course(courseId: string): ImportCourse | undefined {
    let course = this.#importCourses.get(courseId);
    if (course === undefined) {
      const facts = this.#courses.get(courseId);
      if (!facts) return undefined;
      const now = this.#session.now;
      course = { facts, rule: scheduleRule(facts, this.#deadlines, now) };
      this.#importCourses.set(courseId, course);
    }
    return course;
  }

  /** The remaining cells of a row and its course (an unknown course is a bad row). */
  #cells(
    record: ImportRecord,
    userId: number,
    courseId: string,
  ): EnrollmentCells {
    const created = requiredDate(record, "created");
    const mode = textCell(record, "mode");
    const isActive = boolCell(record, "is_active");
    const course = this.#course(courseId);
    if (!course) {
      throw new RowError("course_id", `unknown course "${courseId}"`);
    }
    return { userId, courseId, created, mode, isActive, course };
  }

  /** The insert of `rows` enrollments, prepared once per size. */
  #chunkInsert(rows: number): StatementSync {
    let statement = this.#chunkInserts.get(rows);
    if (!statement) {
      const one = `(${Array(ENROLLMENT_VALUES).fill("?").join(", ")})`;
      statement = this.#db.prepare(
        `INSERT INTO enrollments (user_id, course_id, created, mode, is_active)
         VALUES ${Array(rows).fill(one).join(", ")}`,
      );
      this.#chunkInserts.set(rows, statement);
    }
    return statement;
  }

  #rowOneByOne(record: ImportRecord): void {
    const userId = requiredId(record, "user_id");
    const courseId = this.#courseId(record);
    // The query always yields one row (the LEFT JOIN keeps it when nothing matches).
    const found = this.#lookup.get(userId, courseId) as LookupRow | undefined;
    if (!found) throw new Error("enrollment lookup returned no row");
    const stored = found.id === null ? undefined : found as EnrollmentRow;
    this.#checkUnique(record, stored, `user ${userId} in ${courseId}`);
    const cells = this.#cells(record, userId, courseId);
    if (found.user_known === 0) this.#createUser(record, cells.userId);
    if (stored) this.#updateEnrollment(stored, cells);
    else this.#insertEnrollment(cells, record.line);
  }

  /**
   * A (user, course) pair may appear once per file. Pairs this file inserted are recognised by
   * their new id (no per-row bookkeeping on the common insert path); pairs that existed before
   * go through the session's duplicate table.
   */
  #checkUnique(
    record: ImportRecord,
    stored: EnrollmentRow | undefined,
    what: string,
  ): void {
    if (!stored) return;
    if (stored.id >= this.#firstNewId) {
      throw new RowError(null, duplicate(what, this.#lineOf(stored.id)));
    }
    this.#session.requireUnique(
      `e${stored.id}`,
      record.line,
      `enrollment of ${what}`,
    );
  }

  finish(): void {
    this.#settle();
    if (this.#bulk) this.#endBulk();
    this.#batch.flush(this.#session.now);
    for (const { sql } of this.#dropped) this.#buildIndex(sql);
    for (const [courseId, count] of this.#noStart) {
      this.#session.warn(
        `course ${courseId} has no start: ${count} new enrollment${
          count === 1 ? "" : "s"
        } got no schedule`,
      );
    }
  }

  /** An unknown user is created when the row gives username and email. */
  #createUser(record: ImportRecord, userId: number): void {
    const username = textCell(record, "username");
    if (!username || textCell(record, "email") == null) {
      throw new RowError(
        "user_id",
        `unknown user ${userId} (give username and email to create it)`,
      );
    }
    const email = emailCell(record, "email");
    this.#insertUser.run(
      userId,
      username,
      email,
      verbatimCell(record, "name") ?? null,
    );
    this.#session.counts.users_created++;
  }

  #insertEnrollment(cells: EnrollmentCells, line: number): void {
    const mode = choose(cells.mode, undefined, "audit");
    const isActive = choose(cells.isActive, undefined, true);
    const id = Number(
      this.#insert.run(
        cells.userId,
        cells.courseId,
        cells.created,
        mode,
        isActive ? 1 : 0,
      ).lastInsertRowid,
    );
    this.#inserted(id, cells, line);
  }

  /** Counts a new enrollment and adds its schedule to the batch. */
  #inserted(id: number, cells: EnrollmentCells, line: number): void {
    this.#rememberLine(id, line);
    this.#session.counts.inserted++;
    const schedule = applyScheduleRule(cells.course.rule, cells.created);
    if (schedule === null) {
      this.#noStart.set(
        cells.courseId,
        (this.#noStart.get(cells.courseId) ?? 0) + 1,
      );
      return;
    }
    this.#batch.add(id, schedule, this.#session.now);
    this.#session.counts.schedules_created++;
  }

  /** The line of an enrollment this file inserted. */
  #lineOf(id: number): number {
    return this.#newLines[id - this.#firstNewId]!;
  }

  #rememberLine(id: number, line: number): void {
    const index = id - this.#firstNewId;
    if (index >= this.#newLines.length) {
      const grown = new Uint32Array(
        Math.max(index + 1, this.#newLines.length * 2),
      );
      grown.set(this.#newLines);
      this.#newLines = grown;
    }
    this.#newLines[index] = line;
  }

  #updateEnrollment(stored: EnrollmentRow, cells: EnrollmentCells): void {
    const mode = choose(cells.mode, stored.mode, "audit");
    const isActive = choose(cells.isActive, toBool(stored.is_active), true);
    if (mode === stored.mode && (isActive ? 1 : 0) === stored.is_active) {
      this.#session.counts.unchanged++;
      return;
    }
    this.#update.run(mode, isActive ? 1 : 0, stored.id);
    this.#session.counts.updated++;
    if (mode !== stored.mode) this.#resetSchedule(stored, mode, cells.course);
  }

  /** §2.5: a self-paced schedule restarts; its deadline is untouched. */
  #resetSchedule(
    stored: EnrollmentRow,
    mode: string,
    course: ImportCourse,
  ): void {
    const schedule = this.#schedules.get(stored.id);
    if (!schedule) return;
    const now = this.#session.now;
    const start = resetStartDate(
      course.facts.course,
      stored.created,
      mode,
      now,
    );
    if (start === null) return;
    this.#schedules.resetStart(schedule.id, start, now);
    this.#session.counts.schedules_updated++;
  }
}

/** The reason given for a pair this file already inserted on line `first`. */
function duplicate(what: string, first: number): string {
  return `duplicate enrollment of ${what} (first on line ${first})`;
}
