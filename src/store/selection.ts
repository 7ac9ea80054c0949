/**
 * The read side used by sending: the course catalog, and the schedules whose date falls in a
 * day window. Queries use the indexes on schedules.start_date / upgrade_deadline; the rules
 * themselves stay in pure resolvers.
 */
import type {
  Course,
  CourseMode,
  ExperienceType,
  Millis,
  Section,
} from "../domain/types.ts";
import type { DayWindow } from "../domain/dates.ts";
import type { SQLInputValue, StatementSync } from "node:sqlite";
import { statement, type Store } from "./db.ts";

/** Courses with their outlines and modes, keyed by course id. */
export interface Catalog {
  courses: Map<string, Course>;
  sections: Map<string, Section[]>;
  modes: Map<string, CourseMode[]>;
}

/** One schedule joined with its enrollment and learner. */
export interface ScheduleRow {
  scheduleId: number;
  startDate: Millis | null;
  upgradeDeadline: Millis | null;
  experience: ExperienceType | null;
  enrollmentId: number;
  courseId: string;
  mode: string;
  enrollmentActive: boolean;
  userId: number;
  username: string;
  email: string;
  userActive: boolean;
  hasUsablePassword: boolean;
}

/** Loads every course, outline and mode (catalogs are small: courses, not learners). */
export function loadCatalog(db: Store): Catalog {
  const courses = new Map<string, Course>();
  for (
    const row of db.prepare(`SELECT * FROM courses`).all() as Record<
      string,
      unknown
    >[]
  ) {
    courses.set(String(row.id), {
      id: String(row.id),
      displayName: row.display_name as string | null,
      org: String(row.org),
      start: row.start as number | null,
      end: row.end as number | null,
      selfPaced: row.self_paced === 1,
      language: row.language as string | null,
      highlightsEnabled: row.highlights_enabled === 1,
      weeksToComplete: row.weeks_to_complete as number | null,
    });
  }
  const sections = new Map<string, Section[]>();
  const sectionRows = db.prepare(
    `SELECT * FROM course_sections ORDER BY course_id, position`,
  ).all() as Record<string, unknown>[];
  for (const row of sectionRows) {
    const list = sections.get(String(row.course_id)) ?? [];
    list.push({
      position: Number(row.position),
      name: row.name as string | null,
      highlights: JSON.parse(String(row.highlights)) as string[],
      hideFromToc: row.hide_from_toc === 1,
      visibleToStaffOnly: row.visible_to_staff_only === 1,
    });
    sections.set(String(row.course_id), list);
  }
  const modes = new Map<string, CourseMode[]>();
  for (
    const row of db.prepare(`SELECT * FROM course_modes`).all() as Record<
      string,
      unknown
    >[]
  ) {
    const list = modes.get(String(row.course_id)) ?? [];
    list.push({
      courseId: String(row.course_id),
      modeSlug: String(row.mode_slug),
      expirationDatetime: row.expiration_datetime as number | null,
      expirationIsExplicit: row.expiration_datetime_is_explicit === 1,
      sku: row.sku as string | null,
      minPrice: row.min_price as number | null,
    });
    modes.set(String(row.course_id), list);
  }
  return { courses, sections, modes };
}

const SELECT_ROWS = `
  SELECT s.id AS scheduleId, s.start_date AS startDate, s.upgrade_deadline AS upgradeDeadline,
         x.experience_type AS experience, e.id AS enrollmentId, e.course_id AS courseId,
         e.mode AS mode, e.is_active AS enrollmentActive, u.id AS userId, u.username AS username,
         u.email AS email, u.is_active AS userActive, u.has_usable_password AS hasUsablePassword
  FROM schedules s
  JOIN enrollments e ON e.id = s.enrollment_id
  JOIN users u ON u.id = e.user_id
  LEFT JOIN schedule_experiences x ON x.schedule_id = s.id`;

/** `--bin K`: only learners whose id is K modulo 24 (no filter when the parameter is null). */
const BIN_FILTER = "AND (? IS NULL OR e.user_id % 24 = ?)";

/** The schedule date column a resolver windows on. */
export type DateField = "start_date" | "upgrade_deadline";

/**
 * Schedules whose `field` falls in `[window.from, window.to)`, ordered by learner, then schedule
 * start, then course id (the fixed bundle order of contract.md).
 */
export function schedulesInWindow(
  db: Store,
  field: DateField,
  window: DayWindow,
  bin: number | null = null,
): ScheduleRow[] {
  return selectRows(db, windowQuery(field), window.from, window.to, bin, bin);
}

/** One course's start-date windows in the next-section look-back (ordered, disjoint). */
export interface CourseWindows {
  courseId: string;
  windows: readonly DayWindow[];
}

/** A stretch of start dates and the courses whose windows cover all of it. */
export interface LookbackSegment extends DayWindow {
  courseIds: string[];
}

/**
 * The courses' windows cut into disjoint stretches of start dates, each with the courses it
 * belongs to: one indexed range scan per stretch reads every course's rows in it once, however
 * many courses share the same windows.
 */
export function lookbackSegments(
  courses: readonly CourseWindows[],
): LookbackSegment[] {
  const bounds = [
    ...new Set(
      courses.flatMap((c) => c.windows.flatMap((w) => [w.from, w.to])),
    ),
  ].sort((a, b) => a - b);
  const segments: LookbackSegment[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i]!, to = bounds[i + 1]!;
    const courseIds = courses.filter((c) =>
      c.windows.some((w) => w.from <= from && to <= w.to)
    ).map((c) => c.courseId);
    if (courseIds.length === 0) continue;
    const last = segments.at(-1);
    if (
      last && last.to === from &&
      last.courseIds.join("\n") === courseIds.join("\n")
    ) last.to = to;
    else segments.push({ from, to, courseIds });
  }
  return segments;
}

/**
 * The SQL of one look-back stretch: schedules started in `[from, to)` in the courses of a JSON
 * array, with the highlights experience, an active enrollment and an active learner (the
 * resolver drops every other row without a word). `+e.course_id` keeps SQLite on the start-date
 * index rather than scanning each course's enrollments.
 */
export function lookbackQuery(): string {
  return `${SELECT_ROWS} WHERE s.start_date >= ? AND s.start_date < ?
       AND +e.course_id IN (SELECT value FROM json_each(?)) ${BIN_FILTER}
       AND x.experience_type = 1 AND e.is_active = 1 AND u.is_active = 1`;
}

/**
 * Candidates of the next-section resolver, one course at a time (upstream runs one task per
 * course), in course id order, each course's rows by learner: the schedules whose start falls in
 * one of that course's windows (see `lookbackWindows`).
 */
export function highlightSchedules(
  db: Store,
  courses: readonly CourseWindows[],
  bin: number | null = null,
): ScheduleRow[][] {
  const byCourse = new Map<string, ScheduleRow[]>();
  for (const segment of lookbackSegments(courses)) {
    const rows = selectRows(
      db,
      lookbackQuery(),
      segment.from,
      segment.to,
      JSON.stringify(segment.courseIds),
      bin,
      bin,
    );
    for (const row of rows) {
      const list = byCourse.get(row.courseId);
      if (list) list.push(row);
      else byCourse.set(row.courseId, [row]);
    }
  }
  const out: ScheduleRow[][] = [];
  for (const { courseId } of courses) {
    const rows = byCourse.get(courseId);
    if (rows) out.push(rows.sort((a, b) => a.userId - b.userId));
  }
  return out;
}

/** The SQL text of {@linkcode schedulesInWindow}, for EXPLAIN QUERY PLAN checks. */
export function windowQuery(field: DateField): string {
  return `${SELECT_ROWS} WHERE s.${field} >= ? AND s.${field} < ? ${BIN_FILTER}
     ORDER BY e.user_id, s.start_date, e.course_id`;
}

/** node:sqlite's `setReturnArrays` (Node 24 API): there at run time, not yet in Deno's types. */
type ArrayStatement = StatementSync & {
  setReturnArrays(enabled: boolean): void;
};

/**
 * Runs a {@linkcode SELECT_ROWS} query (its statement prepared once) with each row handed over
 * as an array in column order: no object with named keys is built per row only to be copied.
 */
function selectRows(
  db: Store,
  sql: string,
  ...params: SQLInputValue[]
): ScheduleRow[] {
  const prepared = statement(db, sql) as ArrayStatement;
  prepared.setReturnArrays(true);
  return (prepared.all(...params) as unknown as unknown[][]).map(
    toScheduleRow,
  );
}

/** A row of {@linkcode SELECT_ROWS}, columns in its order. */
function toScheduleRow(row: unknown[]): ScheduleRow {
  const experience = row[3] as number | null;
  return {
    scheduleId: row[0] as number,
    startDate: row[1] as number | null,
    upgradeDeadline: row[2] as number | null,
    experience: experience === null ? null : (experience as ExperienceType),
    enrollmentId: row[4] as number,
    courseId: String(row[5]),
    mode: String(row[6]),
    enrollmentActive: row[7] === 1,
    userId: row[8] as number,
    username: String(row[9]),
    email: String(row[10]),
    userActive: row[11] === 1,
    hasUsablePassword: row[12] === 1,
  };
}

/** Course ids a learner opted out of, among `courseIds`. */
export function optedOutOf(
  db: Store,
  userId: number,
  courseIds: readonly string[],
): Set<string> {
  if (courseIds.length === 0) return new Set();
  // One query per learner, whatever the number of courses: opt-outs are few.
  const rows = statement(db, "SELECT course_id FROM optouts WHERE user_id = ?")
    .all(userId) as { course_id: string }[];
  const wanted = new Set(courseIds);
  return new Set(rows.map((r) => r.course_id).filter((id) => wanted.has(id)));
}

/** Every schedule of one learner, in bundle order. */
export function schedulesOfUser(db: Store, userId: number): ScheduleRow[] {
  return selectRows(
    db,
    `${SELECT_ROWS} WHERE e.user_id = ? ORDER BY s.start_date, e.course_id`,
    userId,
  );
}
