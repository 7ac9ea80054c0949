/**
 * Builds small in-memory databases for tests by writing rows directly (no import code), so
 * resolver and send tests depend only on the schema.
 */
import { type ScheduleFlags } from "../../src/config.ts";
import { parseDateTime } from "../../src/domain/dates.ts";
import { openStore, type Store } from "../../src/store/db.ts";

/** All six schedule_config flags on. */
export const ALL_ON: ScheduleFlags = {
  enqueue_recurring_nudge: true,
  deliver_recurring_nudge: true,
  enqueue_upgrade_reminder: true,
  deliver_upgrade_reminder: true,
  enqueue_course_update: true,
  deliver_course_update: true,
};

/** A fresh in-memory store. */
export function emptyWorld(): Store {
  return openStore(":memory:");
}

const at = (
  iso: string | null | undefined,
) => (iso ? parseDateTime(iso) : null);

/** Adds a site with flags and an optional site configuration (null = none at all). */
export function addSite(
  db: Store,
  domain: string,
  flags: Partial<ScheduleFlags> = ALL_ON,
  values: Record<string, unknown> | null = null,
  enabled = true,
): void {
  const { lastInsertRowid: id } = db.prepare(
    "INSERT INTO sites (domain) VALUES (?)",
  ).run(domain);
  const f = {
    ...ALL_ON,
    ...Object.fromEntries(Object.keys(ALL_ON).map((k) => [k, false])),
    ...flags,
  };
  db.prepare(
    `INSERT INTO schedule_configs (site_id, change_date, enqueue_recurring_nudge, deliver_recurring_nudge,
      enqueue_upgrade_reminder, deliver_upgrade_reminder, enqueue_course_update, deliver_course_update)
     VALUES (?, 0, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    Number(f.enqueue_recurring_nudge),
    Number(f.deliver_recurring_nudge),
    Number(f.enqueue_upgrade_reminder),
    Number(f.deliver_upgrade_reminder),
    Number(f.enqueue_course_update),
    Number(f.deliver_course_update),
  );
  if (values) {
    db.prepare(
      "INSERT INTO site_configurations (site_id, change_date, enabled, values_json) VALUES (?, 0, ?, ?)",
    ).run(id, Number(enabled), JSON.stringify(values));
  }
}

/** Sets a newer schedule_config row for a site. */
export function setFlags(
  db: Store,
  domain: string,
  flags: Partial<ScheduleFlags>,
  changeDate = 1,
): void {
  const f = { ...ALL_ON, ...flags };
  db.prepare(
    `INSERT INTO schedule_configs (site_id, change_date, enqueue_recurring_nudge, deliver_recurring_nudge,
      enqueue_upgrade_reminder, deliver_upgrade_reminder, enqueue_course_update, deliver_course_update)
     SELECT id, ?, ?, ?, ?, ?, ?, ? FROM sites WHERE domain = ?`,
  ).run(
    changeDate,
    Number(f.enqueue_recurring_nudge),
    Number(f.deliver_recurring_nudge),
    Number(f.enqueue_upgrade_reminder),
    Number(f.deliver_upgrade_reminder),
    Number(f.enqueue_course_update),
    Number(f.deliver_course_update),
    domain,
  );
}

/** Writes the platform settings (merged over defaults by loadConfig). */
export function setPlatform(
  db: Store,
  platform: Record<string, unknown>,
): void {
  db.prepare(
    "INSERT INTO platform_settings (change_date, values_json) VALUES (0, ?)",
  )
    .run(JSON.stringify({ platform }));
}

/** Turns the global dynamic upgrade deadline on or off. */
export function setGlobalDeadline(
  db: Store,
  enabled: boolean,
  days = 21,
  changeDate = 0,
): void {
  db.prepare(
    "INSERT INTO dynamic_deadline_global (change_date, enabled, deadline_days) VALUES (?, ?, ?)",
  ).run(changeDate, Number(enabled), days);
}

/** Course fields for {@linkcode addCourse}. */
export interface CourseSpec {
  id: string;
  name?: string;
  start?: string | null;
  end?: string | null;
  selfPaced?: boolean;
  language?: string | null;
  highlightsEnabled?: boolean;
  weeksToComplete?: number | null;
  /** A verified mode expiring then ("none" = no verified mode). */
  verified?: string | null | "none";
}

/** Adds a course (org from the key) with an audit and, by default, a verified mode. */
export function addCourse(db: Store, spec: CourseSpec): void {
  const org = spec.id.startsWith("course-v1:")
    ? spec.id.slice("course-v1:".length).split("+")[0]!
    : spec.id.split("/")[0]!;
  db.prepare(
    `INSERT INTO courses (id, display_name, org, start, "end", self_paced, language, highlights_enabled,
      weeks_to_complete) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    spec.id,
    spec.name ?? `Course ${spec.id}`,
    org,
    at(spec.start === undefined ? "2026-01-01" : spec.start),
    at(spec.end),
    Number(spec.selfPaced ?? true),
    spec.language ?? null,
    Number(spec.highlightsEnabled ?? false),
    spec.weeksToComplete ?? null,
  );
  db.prepare(
    "INSERT INTO course_modes (course_id, mode_slug) VALUES (?, 'audit')",
  ).run(spec.id);
  if (spec.verified !== "none") {
    db.prepare(
      `INSERT INTO course_modes (course_id, mode_slug, expiration_datetime, sku) VALUES (?, 'verified', ?, ?)`,
    ).run(spec.id, at(spec.verified ?? null), `SKU-${spec.id}`);
  }
}

/** Replaces a course's outline: [name, highlights, hideFromToc?, staffOnly?] per section. */
export function setSections(
  db: Store,
  courseId: string,
  sections: [string, string[], boolean?, boolean?][],
): void {
  db.prepare("DELETE FROM course_sections WHERE course_id = ?").run(courseId);
  sections.forEach(([name, highlights, hidden = false, staff = false], i) => {
    db.prepare(
      `INSERT INTO course_sections (course_id, position, name, highlights, hide_from_toc,
        visible_to_staff_only) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      courseId,
      i + 1,
      name,
      JSON.stringify(highlights),
      Number(hidden),
      Number(staff),
    );
  });
}

/** User fields for {@linkcode addUser}. */
export interface UserSpec {
  id: number;
  active?: boolean;
  usablePassword?: boolean;
  email?: string;
  username?: string;
}

/** Adds a learner. */
export function addUser(db: Store, spec: UserSpec): void {
  db.prepare(
    `INSERT INTO users (id, username, email, name, is_active, has_usable_password) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    spec.id,
    spec.username ?? `learner${spec.id}`,
    spec.email ?? `learner${spec.id}@example.com`,
    `Learner ${spec.id}`,
    Number(spec.active ?? true),
    Number(spec.usablePassword ?? true),
  );
}

/** Schedule fields for {@linkcode addSchedule}. */
export interface ScheduleSpec {
  userId: number;
  courseId: string;
  start: string;
  deadline?: string | null;
  /** 0, 1, or null for no experience row. */
  experience?: 0 | 1 | null;
  mode?: string;
  enrollmentActive?: boolean;
}

/** Adds the learner if missing, an enrollment and its schedule. */
export function addSchedule(db: Store, spec: ScheduleSpec): void {
  if (!db.prepare("SELECT 1 FROM users WHERE id = ?").get(spec.userId)) {
    addUser(db, { id: spec.userId });
  }
  const { lastInsertRowid: enrollmentId } = db.prepare(
    `INSERT INTO enrollments (user_id, course_id, created, mode, is_active) VALUES (?, ?, ?, ?, ?)`,
  ).run(
    spec.userId,
    spec.courseId,
    at(spec.start),
    spec.mode ?? "audit",
    Number(spec.enrollmentActive ?? true),
  );
  const { lastInsertRowid: scheduleId } = db.prepare(
    `INSERT INTO schedules (enrollment_id, created, modified, start_date, upgrade_deadline) VALUES (?, 0, 0, ?, ?)`,
  ).run(enrollmentId, at(spec.start), at(spec.deadline));
  const experience = spec.experience === undefined ? 0 : spec.experience;
  if (experience !== null) {
    db.prepare(
      "INSERT INTO schedule_experiences (schedule_id, experience_type) VALUES (?, ?)",
    )
      .run(scheduleId, experience);
  }
}

/** Adds a bulk-email opt-out. */
export function addOptout(db: Store, userId: number, courseId: string): void {
  db.prepare("INSERT INTO optouts (user_id, course_id) VALUES (?, ?)").run(
    userId,
    courseId,
  );
}
