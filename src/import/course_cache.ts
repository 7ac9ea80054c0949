/**
 * Courses as an import sees them, read once per course and kept for the rest of the file: the
 * course row, its modes and whether it "has highlights" (what schedule creation needs).
 */
import { type CourseFacts, hasHighlights } from "../domain/lifecycle.ts";
import type { Course, CourseMode } from "../domain/types.ts";
import type { StatementSync } from "node:sqlite";
import type { Store } from "../store/db.ts";

/** A `courses` row as stored. */
export interface CourseRow {
  id: string;
  display_name: string | null;
  org: string;
  start: number | null;
  end: number | null;
  self_paced: number;
  language: string | null;
  highlights_enabled: number;
  weeks_to_complete: number | null;
}

/** The domain value of a stored course row. */
export function courseFromRow(row: CourseRow): Course {
  return {
    id: row.id,
    displayName: row.display_name,
    org: row.org,
    start: row.start,
    end: row.end,
    selfPaced: row.self_paced === 1,
    language: row.language,
    highlightsEnabled: row.highlights_enabled === 1,
    weeksToComplete: row.weeks_to_complete,
  };
}

/** What an import knows about one course. */
export interface CachedCourse extends CourseFacts {
  course: Course;
}

/** Reads courses on first use and keeps them for the rest of one import. */
export class CourseCache {
  readonly #cache = new Map<string, CachedCourse | null>();
  readonly #course: StatementSync;
  readonly #modes: StatementSync;
  readonly #sections: StatementSync;

  /** A cache over `db` (statements prepared once). */
  constructor(db: Store) {
    this.#course = db.prepare(
      `SELECT id, display_name, org, start, "end", self_paced, language, highlights_enabled,
         weeks_to_complete FROM courses WHERE id = ?`,
    );
    this.#modes = db.prepare(
      "SELECT mode_slug, expiration_datetime FROM course_modes WHERE course_id = ?",
    );
    this.#sections = db.prepare(
      "SELECT highlights, hide_from_toc FROM course_sections WHERE course_id = ?",
    );
  }

  /** The course with its modes and highlight flag, or undefined when it does not exist. */
  get(courseId: string): CachedCourse | undefined {
    let entry = this.#cache.get(courseId);
    if (entry === undefined) {
      entry = this.#load(courseId);
      this.#cache.set(courseId, entry);
    }
    return entry ?? undefined;
  }

  /** Drops a course from the cache (after the import changed it). */
  forget(courseId: string): void {
    this.#cache.delete(courseId);
  }

  #load(courseId: string): CachedCourse | null {
    const row = this.#course.get(courseId) as CourseRow | undefined;
    if (!row) return null;
    const course = courseFromRow(row);
    const modes = (this.#modes.all(courseId) as {
      mode_slug: string;
      expiration_datetime: number | null;
    }[]).map((mode): Pick<CourseMode, "modeSlug" | "expirationDatetime"> => ({
      modeSlug: mode.mode_slug,
      expirationDatetime: mode.expiration_datetime,
    }));
    const sections = (this.#sections.all(courseId) as {
      highlights: string;
      hide_from_toc: number;
    }[]).map((section) => ({
      highlights: JSON.parse(section.highlights) as string[],
      hideFromToc: section.hide_from_toc === 1,
    }));
    return { course, modes, hasHighlights: hasHighlights(course, sections) };
  }
}
