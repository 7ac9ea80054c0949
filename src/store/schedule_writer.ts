/**
 * Writing schedules. Per-object saves (create, reset, replace) write a history row as
 * django-simple-history does; the bulk rewrite after a course start change does not
 * (behaviour.md §1.2, §2.4).
 */
import type { StatementSync } from "node:sqlite";
import type { NewSchedule } from "../domain/lifecycle.ts";
import type { ExperienceType, Millis } from "../domain/types.ts";
import type { Store } from "./db.ts";

/** A stored schedule with its experience (null when it has no experience row). */
export interface StoredSchedule {
  id: number;
  enrollment_id: number;
  active: number;
  start_date: Millis | null;
  upgrade_deadline: Millis | null;
  experience_type: ExperienceType | null;
}

/** The fields a save writes. */
export interface ScheduleFields {
  active: boolean;
  startDate: Millis | null;
  upgradeDeadline: Millis | null;
  experience: ExperienceType;
}

/** Prepared statements for schedule writes on one connection. */
export class ScheduleWriter {
  readonly #get: StatementSync;
  readonly #insert: StatementSync;
  readonly #update: StatementSync;
  readonly #start: StatementSync;
  readonly #experience: StatementSync;
  readonly #history: StatementSync;
  readonly #rewrite: StatementSync;

  /** Prepares the statements on `db`. */
  constructor(db: Store) {
    this.#get = db.prepare(
      `SELECT s.id, s.enrollment_id, s.active, s.start_date, s.upgrade_deadline,
         x.experience_type FROM schedules s
       LEFT JOIN schedule_experiences x ON x.schedule_id = s.id WHERE s.enrollment_id = ?`,
    );
    this.#insert = db.prepare(
      `INSERT INTO schedules (enrollment_id, created, modified, active, start_date, upgrade_deadline)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.#update = db.prepare(
      "UPDATE schedules SET modified = ?, active = ?, start_date = ?, upgrade_deadline = ? WHERE id = ?",
    );
    this.#start = db.prepare(
      "UPDATE schedules SET modified = ?, start_date = ? WHERE id = ?",
    );
    this.#experience = db.prepare(
      `INSERT INTO schedule_experiences (schedule_id, experience_type) VALUES (?, ?)
       ON CONFLICT (schedule_id) DO UPDATE SET experience_type = excluded.experience_type`,
    );
    this.#history = db.prepare(
      `INSERT INTO schedule_history (id, created, modified, active, start_date, upgrade_deadline,
         enrollment_id, history_date, history_type)
       SELECT id, created, modified, active, start_date, upgrade_deadline, enrollment_id, ?, ?
       FROM schedules WHERE id = ?`,
    );
    this.#rewrite = db.prepare(
      `UPDATE schedules SET start_date = ?, upgrade_deadline = ?
       WHERE enrollment_id IN (SELECT id FROM enrollments WHERE course_id = ?)`,
    );
  }

  /** The schedule of an enrollment, if any. */
  get(enrollmentId: number): StoredSchedule | undefined {
    return this.#get.get(enrollmentId) as StoredSchedule | undefined;
  }

  /** Creates a schedule with its experience row and a '+' history row; returns its id. */
  create(enrollmentId: number, fields: ScheduleFields, now: Millis): number {
    const id = Number(
      this.#insert.run(
        enrollmentId,
        now,
        now,
        fields.active ? 1 : 0,
        fields.startDate,
        fields.upgradeDeadline,
      ).lastInsertRowid,
    );
    this.#experience.run(id, fields.experience);
    this.#history.run(now, "+", id);
    return id;
  }

  /** Replaces every field of a schedule (a per-object save: '~' history row). */
  replace(scheduleId: number, fields: ScheduleFields, now: Millis): void {
    this.#update.run(
      now,
      fields.active ? 1 : 0,
      fields.startDate,
      fields.upgradeDeadline,
      scheduleId,
    );
    this.#experience.run(scheduleId, fields.experience);
    this.#history.run(now, "~", scheduleId);
  }

  /** Moves a schedule's start only (the §2.5 reset; '~' history row). */
  resetStart(scheduleId: number, startDate: Millis, now: Millis): void {
    this.#start.run(now, startDate, scheduleId);
    this.#history.run(now, "~", scheduleId);
  }

  /**
   * Sets start and deadline of every schedule of a course (§2.4): a bulk update, so neither
   * `modified` nor history changes. Returns the number of schedules rewritten.
   */
  rewriteCourse(
    courseId: string,
    startDate: Millis,
    upgradeDeadline: Millis | null,
  ): number {
    const result = this.#rewrite.run(startDate, upgradeDeadline, courseId);
    return Number(result.changes);
  }
}

/** Experience values passed to SQLite per statement when a batch is flushed. */
const FLUSH_CHUNK = 8192;

/**
 * Schedules inserted per statement: each statement call from JavaScript costs a few µs in
 * node:sqlite, so a multi-row VALUES list amortises it (6 values a row, far below SQLite's
 * 32,766 parameter limit).
 */
const INSERT_CHUNK = 128;

/** Values of one schedule row, in the column order of the batch insert. */
const SCHEDULE_VALUES = 6;

/**
 * Creates many schedules quickly (an enrollments import): `add` buffers the schedule row and
 * rows are inserted {@linkcode INSERT_CHUNK} at a time; `flush` inserts the rest, then writes
 * every experience row and every '+' history row in a few set-based statements. The result is
 * the same as {@linkcode ScheduleWriter.create} per schedule. Only the batch may insert
 * schedules between the first `add` and `flush`, so their ids run on; rows added are not in the
 * table before `flush`.
 */
export class ScheduleBatch {
  readonly #db: Store;
  readonly #inserts = new Map<number, StatementSync>();
  readonly #experiences: StatementSync;
  readonly #history: StatementSync;
  #first = 0;
  #count = 0;
  #types = new Uint8Array(1024);
  /** Values of the rows added but not yet inserted. */
  #pending: (number | null)[] = [];

  /** Prepares the statements on `db`. */
  constructor(db: Store) {
    this.#db = db;
    this.#experiences = db.prepare(
      `INSERT INTO schedule_experiences (schedule_id, experience_type)
       SELECT ?1 + key, value FROM json_each(?2)`,
    );
    this.#history = db.prepare(
      `INSERT INTO schedule_history (id, created, modified, active, start_date, upgrade_deadline,
         enrollment_id, history_date, history_type)
       SELECT id, created, modified, active, start_date, upgrade_deadline, enrollment_id, ?1, '+'
       FROM schedules WHERE id BETWEEN ?2 AND ?3 ORDER BY id`,
    );
  }

  /**
   * Adds the active schedule of a new enrollment (inserted with the next chunk; experience and
   * history at `flush`).
   */
  add(enrollmentId: number, fields: NewSchedule, now: Millis): void {
    this.#pending.push(
      enrollmentId,
      now,
      now,
      1,
      fields.startDate,
      fields.upgradeDeadline,
    );
    if (this.#count === this.#types.length) {
      const grown = new Uint8Array(this.#types.length * 2);
      grown.set(this.#types);
      this.#types = grown;
    }
    this.#types[this.#count++] = fields.experience;
    if (this.#pending.length === INSERT_CHUNK * SCHEDULE_VALUES) {
      this.#insertPending();
    }
  }

  /** Writes the experience and history rows of every schedule added; returns how many. */
  flush(now: Millis): number {
    this.#insertPending();
    const count = this.#count;
    if (count === 0) return 0;
    for (let offset = 0; offset < count; offset += FLUSH_CHUNK) {
      const chunk = this.#types.subarray(
        offset,
        Math.min(count, offset + FLUSH_CHUNK),
      );
      this.#experiences.run(this.#first + offset, `[${chunk.join(",")}]`);
    }
    this.#history.run(now, this.#first, this.#first + count - 1);
    this.#count = 0;
    this.#types = new Uint8Array(1024);
    return count;
  }

  /** Inserts the buffered rows with one statement and checks that their ids run on. */
  #insertPending(): void {
    const rows = this.#pending.length / SCHEDULE_VALUES;
    if (rows === 0) return;
    const last = Number(
      this.#insertStatement(rows).run(...this.#pending).lastInsertRowid,
    );
    this.#pending = [];
    // Rows already inserted by this batch, before these.
    const before = this.#count - rows;
    if (before === 0) this.#first = last - rows + 1;
    else if (last !== this.#first + this.#count - 1) {
      throw new Error(`schedule ids of a batch are not consecutive (${last})`);
    }
  }

  /** The insert of `rows` rows, prepared once per size (a full chunk, then the last one). */
  #insertStatement(rows: number): StatementSync {
    let statement = this.#inserts.get(rows);
    if (!statement) {
      const values = Array.from({ length: rows }, () => "(?, ?, ?, ?, ?, ?)");
      statement = this.#db.prepare(
        `INSERT INTO schedules (enrollment_id, created, modified, active, start_date,
           upgrade_deadline) VALUES ${values.join(", ")}`,
      );
      this.#inserts.set(rows, statement);
    }
    return statement;
  }
}
