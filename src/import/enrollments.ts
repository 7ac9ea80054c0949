/**
 * `import enrollments`: a new (user, course) pair is inserted and gets its schedule right away
 * (behaviour.md §2.1–2.3, at the enrollment's `created`); a known one has is_active and mode
 * updated, and a mode change resets a self-paced schedule's start (§2.5). A user not yet known
 * is created when the row gives username and email.
 */
import type { StatementSync } from "node:sqlite";
import type { DeadlineConfig } from "../config.ts";
import { newSchedule, resetStartDate } from "../domain/lifecycle.ts";
import type { Millis } from "../domain/types.ts";
import { loadConfig } from "../store/config_store.ts";
import type { Store } from "../store/db.ts";
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
  RowError,
  textCell,
  toBool,
  verbatimCell,
} from "./fields.ts";
import type { ImportSession, KindImporter, RowHandler } from "./session.ts";

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

interface EnrollmentCells {
  userId: number;
  courseId: string;
  created: Millis;
  mode: Given<string>;
  isActive: Given<boolean>;
}

/** The enrollments import kind. */
export const enrollmentsImporter: KindImporter = {
  kind: "enrollments",
  required: ["user_id", "course_id", "created"],
  optional: ["mode", "is_active", "username", "email", "name"],
  begin: (db, session) => new EnrollmentHandler(db, session),
};

/**
 * New enrollments inserted per statement on the bulk path: each statement call from JavaScript
 * costs a few µs in node:sqlite, more than SQLite's own work for a row.
 */
const CHUNK = 128;

/** Values of one enrollment row in the chunk insert. */
const ENROLLMENT_VALUES = 5;

/** A validated row of the bulk path, waiting for its chunk. */
interface PendingEnrollment {
  record: ImportRecord;
  cells: EnrollmentCells;
  course: CachedCourse;
}

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
 * validated in JavaScript and inserted {@linkcode CHUNK} at a time with no lookup, since only
 * this file can hold the pair. A chunk that breaks a constraint (a duplicate pair, or an unknown
 * user to create or report) is rolled back by SQLite and replayed row by row, and the rest of
 * the file takes that path too.
 */
class EnrollmentHandler implements RowHandler {
  readonly #session: ImportSession;
  readonly #deadlines: DeadlineConfig;
  readonly #courses: CourseCache;
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
  #pending: PendingEnrollment[] = [];
  readonly #chunkInserts = new Map<number, StatementSync>();
  readonly #db: Store;
  /** Indexes dropped for a first load, rebuilt by `finish` (their `CREATE INDEX` text). */
  readonly #dropped: string[] = [];
  /** The row-by-row path as a handler, to replay a chunk through the session. */
  readonly #oneByOne: RowHandler = {
    row: (record) => this.#rowOneByOne(record),
    finish: () => {},
  };

  constructor(db: Store, session: ImportSession) {
    this.#db = db;
    this.#session = session;
    this.#deadlines = loadConfig(db).dynamic_upgrade_deadline;
    this.#courses = new CourseCache(db);
    this.#schedules = new ScheduleWriter(db);
    this.#batch = new ScheduleBatch(db);
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
    const max = db.prepare("SELECT MAX(id) AS id FROM enrollments").get() as {
      id: number | null;
    };
    this.#firstNewId = (max.id ?? 0) + 1;
    this.#bulk = max.id === null;
    if (this.#bulk) this.#dropIndexes();
    this.#update = db.prepare(
      "UPDATE enrollments SET mode = ?, is_active = ? WHERE id = ?",
    );
  }

  row(record: ImportRecord): void {
    if (!this.#bulk) return this.#rowOneByOne(record);
    let pending: PendingEnrollment;
    try {
      pending = this.#validateNew(record);
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      // The row-by-row path reports this row as it always has (a duplicate before a bad cell),
      // once the rows before it are in.
      this.settle();
      return this.#rowOneByOne(record);
    }
    this.#pending.push(pending);
    if (this.#pending.length === CHUNK) this.settle();
  }

  /** Inserts the rows waiting for their chunk, so their errors come before later rows'. */
  settle(): void {
    const rows = this.#pending;
    if (rows.length === 0) return;
    this.#pending = [];
    const values: (number | string)[] = [];
    for (const { cells } of rows) {
      values.push(cells.userId, cells.courseId, cells.created);
      values.push(choose(cells.mode, undefined, "audit"));
      values.push(choose(cells.isActive, undefined, true) ? 1 : 0);
    }
    let last: number;
    try {
      last = Number(
        this.#chunkInsert(rows.length).run(...values).lastInsertRowid,
      );
    } catch (error) {
      if (!isConstraintError(error)) throw error;
      this.#bulk = false;
      for (const { record } of rows) {
        this.#session.process(this.#oneByOne, record);
      }
      return;
    }
    // A rowid table without AUTOINCREMENT gives each new row max(id) + 1, in VALUES order.
    const first = last - rows.length + 1;
    rows.forEach(({ record, cells, course }, k) =>
      this.#inserted(first + k, cells, course, record.line)
    );
  }

  /**
   * A first load drops the named indexes of the tables it fills and `finish` builds them again
   * by sorting, which is several times faster than keeping them up to date row by row in random
   * order. The import's transaction covers both, so a rollback restores them. The unique keys
   * (automatic indexes) stay: the lookups and duplicate checks need them.
   */
  #dropIndexes(): void {
    const indexes = this.#db.prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
       AND tbl_name IN ('enrollments', 'schedules', 'schedule_experiences', 'schedule_history')`,
    ).all() as { name: string; sql: string }[];
    for (const { name, sql } of indexes) {
      this.#db.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
      this.#dropped.push(sql);
    }
  }

  /** The checks of a new row that need no lookup (the user is checked by its foreign key). */
  #validateNew(record: ImportRecord): PendingEnrollment {
    const userId = requiredId(record, "user_id");
    const courseId = requiredCourseId(record, "course_id");
    return { record, ...this.#cells(record, userId, courseId) };
  }

  /** The remaining cells of a row and its course (an unknown course is a bad row). */
  #cells(record: ImportRecord, userId: number, courseId: string) {
    const cells: EnrollmentCells = {
      userId,
      courseId,
      created: requiredDate(record, "created"),
      mode: textCell(record, "mode"),
      isActive: boolCell(record, "is_active"),
    };
    const course = this.#courses.get(courseId);
    if (!course) {
      throw new RowError("course_id", `unknown course "${courseId}"`);
    }
    return { cells, course };
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
    const courseId = requiredCourseId(record, "course_id");
    // The query always yields one row (the LEFT JOIN keeps it when nothing matches).
    const found = this.#lookup.get(userId, courseId) as LookupRow | undefined;
    if (!found) throw new Error("enrollment lookup returned no row");
    const stored = found.id === null ? undefined : found as EnrollmentRow;
    this.#checkUnique(record, stored, `user ${userId} in ${courseId}`);
    const { cells, course } = this.#cells(record, userId, courseId);
    if (found.user_known === 0) this.#createUser(record, cells.userId);
    if (stored) this.#updateEnrollment(stored, cells, course);
    else this.#insertEnrollment(cells, course, record.line);
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
      const first = this.#newLines[stored.id - this.#firstNewId];
      throw new RowError(
        null,
        `duplicate enrollment of ${what} (first on line ${first})`,
      );
    }
    this.#session.requireUnique(
      `e${stored.id}`,
      record.line,
      `enrollment of ${what}`,
    );
  }

  finish(): void {
    this.settle();
    this.#batch.flush(this.#session.now);
    for (const sql of this.#dropped) this.#db.exec(sql);
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

  #insertEnrollment(
    cells: EnrollmentCells,
    course: CachedCourse,
    line: number,
  ): void {
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
    this.#inserted(id, cells, course, line);
  }

  /** Counts a new enrollment and adds its schedule to the batch. */
  #inserted(
    id: number,
    cells: EnrollmentCells,
    course: CachedCourse,
    line: number,
  ): void {
    this.#rememberLine(id, line);
    this.#session.counts.inserted++;
    const now = this.#session.now;
    const values = newSchedule(cells.created, course, this.#deadlines, now);
    if (values === null) {
      this.#noStart.set(
        cells.courseId,
        (this.#noStart.get(cells.courseId) ?? 0) + 1,
      );
      return;
    }
    this.#batch.add(id, { active: true, ...values }, now);
    this.#session.counts.schedules_created++;
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

  #updateEnrollment(
    stored: EnrollmentRow,
    cells: EnrollmentCells,
    course: CachedCourse,
  ): void {
    const mode = choose(cells.mode, stored.mode, "audit");
    const isActive = choose(cells.isActive, toBool(stored.is_active), true);
    if (mode === stored.mode && (isActive ? 1 : 0) === stored.is_active) {
      this.#session.counts.unchanged++;
      return;
    }
    this.#update.run(mode, isActive ? 1 : 0, stored.id);
    this.#session.counts.updated++;
    if (mode !== stored.mode) this.#resetSchedule(stored, mode, course);
  }

  /** §2.5: a self-paced schedule restarts; its deadline is untouched. */
  #resetSchedule(
    stored: EnrollmentRow,
    mode: string,
    course: CachedCourse,
  ): void {
    const schedule = this.#schedules.get(stored.id);
    if (!schedule) return;
    const now = this.#session.now;
    const start = resetStartDate(course.course, stored.created, mode, now);
    if (start === null) return;
    this.#schedules.resetStart(schedule.id, start, now);
    this.#session.counts.schedules_updated++;
  }
}
