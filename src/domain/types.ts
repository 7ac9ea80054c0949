/**
 * The data the tool works on, as plain values. Datetimes are milliseconds since the Unix epoch
 * (UTC), the same numbers the store keeps, so comparisons are cheap and zone-free.
 */

/** Milliseconds since 1970-01-01T00:00:00Z. */
export type Millis = number;

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

/** A learner (upstream `auth_user` + profile). */
export interface User {
  id: number;
  username: string;
  email: string;
  name: string | null;
  isActive: boolean;
  hasUsablePassword: boolean;
}

/** A course (upstream CourseOverview plus the outline flags the app reads). */
export interface Course {
  id: string;
  displayName: string | null;
  org: string;
  start: Millis | null;
  end: Millis | null;
  selfPaced: boolean;
  language: string | null;
  highlightsEnabled: boolean;
  weeksToComplete: number | null;
}

/** One chapter of a course outline, in course order. */
export interface Section {
  /** 1-based position among all chapters (hidden and staff-only ones included). */
  position: number;
  name: string | null;
  highlights: string[];
  hideFromToc: boolean;
  visibleToStaffOnly: boolean;
}

/** A course mode (upstream CourseMode). */
export interface CourseMode {
  courseId: string;
  modeSlug: string;
  expirationDatetime: Millis | null;
  expirationIsExplicit: boolean;
  sku: string | null;
  minPrice: number | null;
}

/** An enrollment of a learner in a course. */
export interface Enrollment {
  id: number;
  userId: number;
  courseId: string;
  created: Millis;
  mode: string;
  isActive: boolean;
}

/** Experience types of a schedule. */
export const Experience = { default: 0, courseUpdates: 1 } as const;
/** 0 = default, 1 = course_updates. */
export type ExperienceType = 0 | 1;

/** A learner's personal schedule in one course (one per enrollment at most). */
export interface Schedule {
  id: number;
  enrollmentId: number;
  startDate: Millis | null;
  upgradeDeadline: Millis | null;
  /** The experience row's type, or null when the schedule has none (counts as default). */
  experience: ExperienceType | null;
  active: boolean;
}
