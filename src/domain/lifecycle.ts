/**
 * The schedule lifecycle (behaviour.md §2): the values a new schedule gets (§2.2–2.3), the
 * deadline of a course-start rewrite (§2.4) and the start of a mode-change reset (§2.5).
 * Pure functions: the store reads the data, these decide, the store writes.
 */
import type { DeadlineConfig } from "../config.ts";
import {
  type Course,
  type CourseMode,
  DAY_MS,
  type ExperienceType,
  type Millis,
  type Section,
} from "./types.ts";

/** The values of a schedule about to be created. */
export interface NewSchedule {
  startDate: Millis;
  upgradeDeadline: Millis | null;
  experience: ExperienceType;
}

/** What §2.2 needs to know about the course an enrollment is in. */
export interface CourseFacts {
  course: Pick<Course, "id" | "org" | "start">;
  /** The course's modes (expired ones included; they are filtered against `now`). */
  modes: readonly Pick<CourseMode, "modeSlug" | "expirationDatetime">[];
  /** Whether the course "has highlights" (see {@linkcode hasHighlights}). */
  hasHighlights: boolean;
}

/**
 * The deadline delta in days by the creation-time precedence of behaviour.md §1.5: global when
 * enabled, then the org row, then the course row (opted in → its days, opted out → none,
 * disabled → unchanged). Null means "no deadline".
 */
export function deadlineDelta(
  deadlines: DeadlineConfig,
  org: string,
  courseId: string,
): number | null {
  let delta: number | null = null;
  if (deadlines.global.enabled) delta = deadlines.global.deadline_days;
  for (
    const row of [
      Object.hasOwn(deadlines.orgs, org) ? deadlines.orgs[org] : undefined,
      Object.hasOwn(deadlines.courses, courseId)
        ? deadlines.courses[courseId]
        : undefined,
    ]
  ) {
    if (!row || !row.enabled) continue;
    delta = row.opt_out ? null : row.deadline_days;
  }
  return delta;
}

/**
 * The expiration of the course's verified mode among its current modes (expiration null or not
 * before `now`): professional preferred, else verified. Null when there is no such mode or it
 * has no expiration.
 */
export function verifiedModeExpiration(
  modes: CourseFacts["modes"],
  now: Millis,
): Millis | null {
  const current = modes.filter((mode) =>
    mode.expirationDatetime === null || mode.expirationDatetime >= now
  );
  const verified = current.find((mode) => mode.modeSlug === "professional") ??
    current.find((mode) => mode.modeSlug === "verified");
  return verified?.expirationDatetime ?? null;
}

/**
 * The upgrade deadline for a content availability date (§2.2): availability + delta days,
 * capped at the verified mode's expiration; null when no delta applies.
 */
export function upgradeDeadline(
  availability: Millis,
  facts: CourseFacts,
  deadlines: DeadlineConfig,
  now: Millis,
): Millis | null {
  return ruleDeadline(scheduleRule(facts, deadlines, now), availability);
}

/**
 * What §2.2–2.3 decide per course, the same for every enrollment of one import (`now` is
 * fixed): computed once per course, so a million new enrollments cost one addition each.
 */
export interface ScheduleRule {
  /** The course start; null when it has none (no schedule is created). */
  start: Millis | null;
  /** The deadline delta in milliseconds; null for no deadline. */
  deltaMs: number | null;
  /** The verified mode's expiration that caps the deadline; null for no cap. */
  expiration: Millis | null;
  experience: ExperienceType;
}

/** The rule of new schedules in a course (see {@linkcode newSchedule}). */
export function scheduleRule(
  facts: CourseFacts,
  deadlines: DeadlineConfig,
  now: Millis,
): ScheduleRule {
  const delta = deadlineDelta(deadlines, facts.course.org, facts.course.id);
  return {
    start: facts.course.start,
    deltaMs: delta === null ? null : delta * DAY_MS,
    expiration: delta === null
      ? null
      : verifiedModeExpiration(facts.modes, now),
    experience: facts.hasHighlights ? 1 : 0,
  };
}

/** The schedule a course's rule gives an enrollment created at `enrollmentCreated`. */
export function applyScheduleRule(
  rule: ScheduleRule,
  enrollmentCreated: Millis,
): NewSchedule | null {
  if (rule.start === null) return null;
  const availability = Math.max(enrollmentCreated, rule.start);
  return {
    startDate: availability,
    upgradeDeadline: ruleDeadline(rule, availability),
    experience: rule.experience,
  };
}

/** §2.2: availability + delta, capped at the verified mode's expiration; null without a delta. */
function ruleDeadline(rule: ScheduleRule, availability: Millis): Millis | null {
  if (rule.deltaMs === null) return null;
  const deadline = availability + rule.deltaMs;
  return rule.expiration === null
    ? deadline
    : Math.min(deadline, rule.expiration);
}

/**
 * The schedule created for a new enrollment (§2.2–2.3), or null when the course has no start
 * (upstream's max() fails and the enrollment stays without a schedule).
 */
export function newSchedule(
  enrollmentCreated: Millis,
  facts: CourseFacts,
  deadlines: DeadlineConfig,
  now: Millis,
): NewSchedule | null {
  return applyScheduleRule(
    scheduleRule(facts, deadlines, now),
    enrollmentCreated,
  );
}

/**
 * Whether a course "has highlights" (§2.3): highlights enabled and at least one section that is
 * not hidden from the table of contents has a non-empty highlight. Staff-only sections count.
 */
export function hasHighlights(
  course: Pick<Course, "highlightsEnabled">,
  sections: readonly Pick<Section, "highlights" | "hideFromToc">[],
): boolean {
  return course.highlightsEnabled &&
    sections.some((section) =>
      !section.hideFromToc && section.highlights.some((text) => text !== "")
    );
}

/** Modes whose learners keep their enrollment date on a reset (§2.5). */
const ENROLLMENT_DATE_MODES: ReadonlySet<string> = new Set(["audit", "honor"]);

/**
 * The new start of a self-paced schedule after a mode change (§2.5): the enrollment date for
 * audit/honor, else `now`, never before the course start. Null when the course is
 * instructor-paced (no reset).
 */
export function resetStartDate(
  course: Pick<Course, "selfPaced" | "start">,
  enrollmentCreated: Millis,
  newMode: string,
  now: Millis,
): Millis | null {
  if (!course.selfPaced) return null;
  const start = ENROLLMENT_DATE_MODES.has(newMode) ? enrollmentCreated : now;
  return course.start === null ? start : Math.max(start, course.start);
}

/**
 * The expiration of a verified mode that is not explicit: the course end minus the verification
 * window (Open edX's publish handler), or null for a course without an end.
 */
export function implicitVerifiedExpiration(
  courseEnd: Millis | null,
  windowDays: number,
): Millis | null {
  return courseEnd === null ? null : courseEnd - windowDays * DAY_MS;
}
