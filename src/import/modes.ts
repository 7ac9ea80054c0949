/**
 * `import modes`: upsert by (course_id, mode_slug). An expiration given without
 * `expiration_datetime_is_explicit` is explicit; a verified mode whose expiration is not
 * explicit expires at the course end minus `platform.verification_window_days`, as Open edX sets
 * it when a course is published.
 */
import type { StatementSync } from "node:sqlite";
import type { Config } from "../config.ts";
import { implicitVerifiedExpiration } from "../domain/lifecycle.ts";
import type { Millis } from "../domain/types.ts";
import { loadConfig } from "../store/config_store.ts";
import type { Store } from "../store/db.ts";
import {
  boolCell,
  choose,
  dateCell,
  decimalCell,
  type Given,
  type ImportRecord,
  requiredCourseId,
  requiredText,
  RowError,
  sameRow,
  textCell,
  toBool,
} from "./fields.ts";
import type { ImportSession, KindImporter, RowHandler } from "./session.ts";

/** A `course_modes` row as stored. */
export interface ModeRow {
  course_id: string;
  mode_slug: string;
  expiration_datetime: Millis | null;
  expiration_datetime_is_explicit: number;
  sku: string | null;
  min_price: number | null;
}

/** Keeps the non-explicit verified expiration of a course in step with its end. */
export class ImplicitExpirations {
  readonly #update: StatementSync;
  readonly #windowDays: number;

  /** Prepares the update on `db` with the configured verification window. */
  constructor(db: Store, config: Config) {
    this.#windowDays = config.platform.verification_window_days;
    this.#update = db.prepare(
      `UPDATE course_modes SET expiration_datetime = ?
       WHERE course_id = ? AND mode_slug = 'verified' AND expiration_datetime_is_explicit = 0
         AND expiration_datetime IS NOT ?`,
    );
  }

  /** The expiration of a non-explicit verified mode of a course ending at `end`. */
  expiration(end: Millis | null): Millis | null {
    return implicitVerifiedExpiration(end, this.#windowDays);
  }

  /** Recomputes the course's non-explicit verified mode (when it has one). */
  recompute(courseId: string, end: Millis | null): void {
    const expiration = this.expiration(end);
    this.#update.run(expiration, courseId, expiration);
  }
}

/** The modes import kind. */
export const modesImporter: KindImporter = {
  kind: "modes",
  required: ["course_id", "mode_slug"],
  optional: [
    "expiration_datetime",
    "expiration_datetime_is_explicit",
    "sku",
    "min_price",
  ],
  begin: beginModes,
};

function beginModes(db: Store, session: ImportSession): RowHandler {
  const expirations = new ImplicitExpirations(db, loadConfig(db));
  const courseEnd = db.prepare('SELECT "end" FROM courses WHERE id = ?');
  const select = db.prepare(
    `SELECT course_id, mode_slug, expiration_datetime, expiration_datetime_is_explicit, sku,
       min_price FROM course_modes WHERE course_id = ? AND mode_slug = ?`,
  );
  const upsert = db.prepare(
    `INSERT INTO course_modes (course_id, mode_slug, expiration_datetime,
       expiration_datetime_is_explicit, sku, min_price) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (course_id, mode_slug) DO UPDATE SET
       expiration_datetime = excluded.expiration_datetime,
       expiration_datetime_is_explicit = excluded.expiration_datetime_is_explicit,
       sku = excluded.sku, min_price = excluded.min_price`,
  );
  return {
    row(record) {
      const courseId = requiredCourseId(record, "course_id");
      const slug = requiredText(record, "mode_slug");
      session.requireUnique(
        `m${courseId} ${slug}`,
        record.line,
        `mode ${slug} of ${courseId}`,
      );
      const cells = readModeCells(record);
      const course = courseEnd.get(cells.course_id) as
        | { end: Millis | null }
        | undefined;
      if (!course) {
        throw new RowError("course_id", `unknown course "${cells.course_id}"`);
      }
      const stored = select.get(cells.course_id, cells.mode_slug) as
        | ModeRow
        | undefined;
      const next = nextMode(cells, stored);
      if (
        next.mode_slug === "verified" && !next.expiration_datetime_is_explicit
      ) {
        next.expiration_datetime = expirations.expiration(course.end);
      }
      if (stored && sameRow(stored, next)) {
        session.counts.unchanged++;
        return;
      }
      upsert.run(
        next.course_id,
        next.mode_slug,
        next.expiration_datetime,
        next.expiration_datetime_is_explicit,
        next.sku,
        next.min_price,
      );
      if (stored) session.counts.updated++;
      else session.counts.inserted++;
    },
    finish() {},
  };
}

interface ModeCells {
  course_id: string;
  mode_slug: string;
  expiration: Given<Millis>;
  explicit: Given<boolean>;
  sku: Given<string>;
  min_price: Given<number>;
}

function readModeCells(record: ImportRecord): ModeCells {
  return {
    course_id: requiredCourseId(record, "course_id"),
    mode_slug: requiredText(record, "mode_slug"),
    expiration: dateCell(record, "expiration_datetime"),
    explicit: boolCell(record, "expiration_datetime_is_explicit"),
    sku: textCell(record, "sku"),
    min_price: decimalCell(record, "min_price"),
  };
}

/**
 * The row to store. An empty or absent explicit flag defaults to "an expiration is given";
 * with neither column in the file the stored flag stays.
 */
function nextMode(cells: ModeCells, stored: ModeRow | undefined): ModeRow {
  const explicit = typeof cells.explicit === "boolean"
    ? cells.explicit
    : cells.expiration === undefined
    ? toBool(stored?.expiration_datetime_is_explicit) ?? false
    : cells.expiration !== null;
  return {
    course_id: cells.course_id,
    mode_slug: cells.mode_slug,
    expiration_datetime: choose(
      cells.expiration,
      stored?.expiration_datetime,
      null,
    ),
    expiration_datetime_is_explicit: explicit ? 1 : 0,
    sku: choose(cells.sku, stored?.sku, null),
    min_price: choose(cells.min_price, stored?.min_price, null),
  };
}
