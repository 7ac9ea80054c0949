/**
 * `import courses`: upsert by id. The org comes from the course key. A changed start rewrites
 * every schedule of the course (behaviour.md §2.4), and a verified mode without an explicit
 * expiration follows the course end (contract.md, modes).
 */
import type { StatementSync } from "node:sqlite";
import { courseOrg } from "../domain/course_key.ts";
import { upgradeDeadline } from "../domain/lifecycle.ts";
import type { Millis } from "../domain/types.ts";
import type { Config } from "../config.ts";
import { loadConfig } from "../store/config_store.ts";
import type { Store } from "../store/db.ts";
import { ScheduleWriter } from "../store/schedule_writer.ts";
import { CourseCache, type CourseRow } from "./course_cache.ts";
import {
  boolCell,
  choose,
  dateCell,
  type ImportRecord,
  intCell,
  requiredCourseId,
  sameRow,
  textCell,
  toBool,
  verbatimCell,
} from "./fields.ts";
import { ImplicitExpirations } from "./modes.ts";
import type { ImportSession, KindImporter, RowHandler } from "./session.ts";

/** The courses import kind. */
export const coursesImporter: KindImporter = {
  kind: "courses",
  required: ["id"],
  optional: [
    "display_name",
    "org",
    "start",
    "end",
    "self_paced",
    "language",
    "highlights_enabled",
    "weeks_to_complete",
  ],
  begin: beginCourses,
};

interface CourseStatements {
  select: StatementSync;
  upsert: StatementSync;
}

function beginCourses(db: Store, session: ImportSession): RowHandler {
  const config = loadConfig(db);
  const statements: CourseStatements = {
    select: db.prepare(
      `SELECT id, display_name, org, start, "end", self_paced, language, highlights_enabled,
         weeks_to_complete FROM courses WHERE id = ?`,
    ),
    upsert: db.prepare(
      `INSERT INTO courses (id, display_name, org, start, "end", self_paced, language,
         highlights_enabled, weeks_to_complete) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, org = excluded.org,
         start = excluded.start, "end" = excluded."end", self_paced = excluded.self_paced,
         language = excluded.language, highlights_enabled = excluded.highlights_enabled,
         weeks_to_complete = excluded.weeks_to_complete`,
    ),
  };
  const after = new CourseAfterSave(db, config, session);
  return {
    row(record) {
      const [next, stored] = readCourse(record, statements, session);
      if (stored && sameRow(stored, next)) session.counts.unchanged++;
      else {
        writeCourse(statements, next);
        if (stored) session.counts.updated++;
        else session.counts.inserted++;
      }
      after.apply(next, stored);
    },
    finish() {},
  };
}

function readCourse(
  record: ImportRecord,
  statements: CourseStatements,
  session: ImportSession,
): [CourseRow, CourseRow | undefined] {
  const id = requiredCourseId(record, "id");
  session.requireUnique(`c${id}`, record.line, `course id ${id}`);
  const cells = {
    display_name: verbatimCell(record, "display_name"),
    start: dateCell(record, "start"),
    end: dateCell(record, "end"),
    self_paced: boolCell(record, "self_paced"),
    language: textCell(record, "language"),
    highlights_enabled: boolCell(record, "highlights_enabled"),
    weeks_to_complete: intCell(record, "weeks_to_complete", 0),
  };
  const stored = statements.select.get(id) as CourseRow | undefined;
  const next: CourseRow = {
    id,
    display_name: choose(cells.display_name, stored?.display_name, null),
    // The org is always derived from the key, as CourseOverview does; an org cell is ignored.
    org: courseOrg(id),
    start: choose(cells.start, stored?.start, null),
    end: choose(cells.end, stored?.end, null),
    self_paced: bit(
      choose(cells.self_paced, toBool(stored?.self_paced), false),
    ),
    language: choose(cells.language, stored?.language, null),
    highlights_enabled: bit(
      choose(
        cells.highlights_enabled,
        toBool(stored?.highlights_enabled),
        false,
      ),
    ),
    weeks_to_complete: choose(
      cells.weeks_to_complete,
      stored?.weeks_to_complete,
      null,
    ),
  };
  return [next, stored];
}

function writeCourse(statements: CourseStatements, row: CourseRow): void {
  statements.upsert.run(
    row.id,
    row.display_name,
    row.org,
    row.start,
    row.end,
    row.self_paced,
    row.language,
    row.highlights_enabled,
    row.weeks_to_complete,
  );
}

/** What follows a course save: verified expiration, and the §2.4 rewrite on a new start. */
class CourseAfterSave {
  readonly #expirations: ImplicitExpirations;
  readonly #schedules: ScheduleWriter;
  readonly #cache: CourseCache;
  readonly #config: Config;
  readonly #session: ImportSession;

  constructor(db: Store, config: Config, session: ImportSession) {
    this.#expirations = new ImplicitExpirations(db, config);
    this.#schedules = new ScheduleWriter(db);
    this.#cache = new CourseCache(db);
    this.#config = config;
    this.#session = session;
  }

  apply(next: CourseRow, stored: CourseRow | undefined): void {
    this.#expirations.recompute(next.id, next.end);
    if (!stored || stored.start === next.start) return;
    if (next.start === null) {
      this.#session.warn(
        `course ${next.id} no longer has a start: its schedules keep their dates`,
      );
      return;
    }
    this.#rewrite(next.id, next.start);
  }

  /** §2.4: every schedule moves to the new start with a deadline computed from it. */
  #rewrite(courseId: string, start: Millis): void {
    this.#cache.forget(courseId);
    const facts = this.#cache.get(courseId)!;
    const deadline = upgradeDeadline(
      start,
      facts,
      this.#config.dynamic_upgrade_deadline,
      this.#session.now,
    );
    this.#session.counts.schedules_updated += this.#schedules.rewriteCourse(
      courseId,
      start,
      deadline,
    );
  }
}

function bit(value: boolean): number {
  return value ? 1 : 0;
}
