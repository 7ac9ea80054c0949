/**
 * Writing schedules. Per-object saves (create, reset, replace) write a history row as
 * django-simple-history does; the bulk rewrite after a course start change does not
 * (behaviour.md §1.2, §2.4).
 */
import type { StatementSync } from "node:sqlite";
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
 * Creates many schedules quickly (an enrollments import): each `add` inserts the schedule row;
 * `flush` then writes every experience row and every '+' history row in a few set-based
 * statements. The result is the same as {@linkcode ScheduleWriter.create} per schedule. Only
 * the batch may insert schedules between the first `add` and `flush`, so their ids run on.
 */
export class ScheduleBatch {
  readonly #insert: StatementSync;
  readonly #experiences: StatementSync;
  readonly #history: StatementSync;
  #first = 0;
  #count = 0;
  #types = new Uint8Array(1024);

  /** Prepares the statements on `db`. */
  constructor(db: Store) {
    this.#insert = db.prepare(
      `INSERT INTO schedules (enrollment_id, created, modified, active, start_date, upgrade_deadline)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
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

  /** Inserts one schedule (its experience and history rows follow at `flush`). */
  add(enrollmentId: number, fields: ScheduleFields, now: Millis): void {
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
    if (this.#count === 0) this.#first = id;
    else if (id !== this.#first + this.#count) {
      throw new Error(`schedule ids of a batch are not consecutive (${id})`);
    }
    if (this.#count === this.#types.length) {
      const grown = new Uint8Array(this.#types.length * 2);
      grown.set(this.#types);
      this.#types = grown;
    }
    this.#types[this.#count++] = fields.experience;
  }

  /** Writes the experience and history rows of every schedule added; returns how many. */
  flush(now: Millis): number {
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
}
