/**
 * Rules shared by the resolvers: the common filters of the binned query, course URLs, the
 * message language and the upsell context.
 */
import type { Config } from "../config.ts";
import { startOfDay } from "../domain/dates.ts";
import { orgFilter } from "../domain/org_filter.ts";
import type { Course, ExperienceType } from "../domain/types.ts";
import { upsellFor } from "../domain/upsell.ts";
import { formatDate } from "../render/dates.ts";
import type { UpsellContext } from "../render/types.ts";
import type { ScheduleRow } from "../store/selection.ts";
import type { ResolveInput, Skip } from "./types.ts";

/** Rows that passed the common filters, each with its course. */
export interface KeptRow {
  row: ScheduleRow;
  course: Course;
}

/**
 * The common filters of upstream's binned query (behaviour.md §4.1): active learner and
 * enrollment, an existing course that has not ended before today, the experience filter and the
 * site's org filter. Returns the kept rows (order preserved) and a skip for each other row.
 */
export function commonFilter(
  input: ResolveInput,
  name: string,
  experiences: readonly (ExperienceType | null)[],
): { kept: KeptRow[]; skips: Skip[] } {
  const today = startOfDay(input.today);
  const allowOrg = orgFilter(input.site, input.config);
  const kept: KeptRow[] = [];
  const skips: Skip[] = [];
  for (const row of input.rows) {
    const course = input.catalog.courses.get(row.courseId);
    const skip = (reason: string, detail: string) =>
      skips.push({
        name,
        userId: row.userId,
        courseId: row.courseId,
        reason,
        detail,
      });
    if (!row.userActive) {
      skip("learner-inactive", "the learner's account is not active");
    } else if (!row.enrollmentActive) {
      skip("enrollment-inactive", "the enrollment is not active");
    } else if (!course) {
      skip("course-missing", "the course is not in the catalog");
    } else if (course.end !== null && course.end < today) {
      skip("course-ended", "the course ended before today");
    } else if (!experiences.includes(row.experience)) {
      skip("experience", `the schedule's experience does not get ${name}`);
    } else if (!allowOrg(course.org)) {
      skip(
        "org-filter",
        `the course's org ${course.org} belongs to another site`,
      );
    } else kept.push({ row, course });
  }
  return { kept, skips };
}

/** Groups consecutive rows of the same learner (rows come ordered by learner). */
export function groupByUser(rows: readonly KeptRow[]): KeptRow[][] {
  const groups: KeptRow[][] = [];
  for (const item of rows) {
    const last = groups.at(-1);
    if (last && last[0]!.row.userId === item.row.userId) last.push(item);
    else groups.push([item]);
  }
  return groups;
}

/** The learning-MFE course home URL. */
export function courseUrl(config: Config, courseId: string): string {
  return `${
    config.platform.learning_mfe_url.replace(/\/$/, "")
  }/course/${courseId}/home`;
}

/** The message language: the course's, else the platform default, else English. */
export function messageLanguage(
  config: Config,
  course: Course | undefined,
): string {
  return course?.language || config.platform.default_language || "en";
}

/** The upsell keys for one schedule (behaviour.md §3), the deadline formatted in `language`. */
export function upsellContext(
  input: ResolveInput,
  item: KeptRow,
  language: string,
): UpsellContext {
  const upsell = upsellFor(
    {
      course: item.course,
      modes: input.catalog.modes.get(item.course.id) ?? [],
      mode: item.row.mode,
      enrollmentActive: item.row.enrollmentActive,
      upgradeDeadline: item.row.upgradeDeadline,
    },
    input.config.dynamic_upgrade_deadline,
    input.config.platform,
    input.today,
  );
  if (!upsell.show) return { show_upsell: false };
  return {
    show_upsell: true,
    upsell_link: upsell.link,
    user_schedule_upgrade_deadline_time: formatDate(upsell.deadline, language),
  };
}

/** The target day of an offset, as YYYY-MM-DD. */
export function targetDay(input: ResolveInput): string {
  return input.today.add({ days: input.offset }).toString();
}

/** The candidate fields that come from the learner. */
export function learnerFields(row: ScheduleRow) {
  return {
    userId: row.userId,
    username: row.username,
    email: row.email,
    hasUsablePassword: row.hasUsablePassword,
  };
}

/**
 * The bulk-email opt-out link of highlight emails, only when the platform switch is on. The
 * token is the username, base64url-encoded (upstream encrypts it; the scheme is ours to pick).
 */
export function unsubscribeUrl(
  config: Config,
  username: string,
  courseId: string,
): string | null {
  if (!config.platform.course_update_show_unsubscribe) return null;
  const token = btoa(
    String.fromCodePoint(...new TextEncoder().encode(username)),
  )
    .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  return `/email/optout/${token}/${encodeURIComponent(courseId)}/`;
}
