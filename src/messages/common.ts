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
import type { Candidate, ResolveInput, Skip } from "./types.ts";

/** Rows that passed the common filters, each with its course. */
export interface KeptRow {
  row: ScheduleRow;
  course: Course;
}

/** One rule applied to one schedule, in words either way (for --explain). */
export interface RuleCheck {
  /** The skip reason when the rule fails, e.g. `course-ended`. */
  reason: string;
  passed: boolean;
  words: string;
}

const EXPERIENCE_NAMES = ["default", "course_updates"];

/**
 * The common filters of upstream's binned query (behaviour.md §4.1) for one schedule, in order:
 * active learner and enrollment, an existing course that has not ended before today, the
 * experience filter and the site's org filter.
 */
export function commonChecks(
  input: ResolveInput,
  row: ScheduleRow,
  name: string,
  experiences: readonly (ExperienceType | null)[],
): RuleCheck[] {
  const course = input.catalog.courses.get(row.courseId);
  const today = startOfDay(input.today);
  const experience = EXPERIENCE_NAMES[row.experience ?? 0]!;
  const check = (
    reason: string,
    passed: boolean,
    yes: string,
    no: string,
  ): RuleCheck => ({
    reason,
    passed,
    words: passed ? yes : no,
  });
  const checks = [
    check(
      "learner-inactive",
      row.userActive,
      "the learner's account is active",
      "the learner's account is not active",
    ),
    check(
      "enrollment-inactive",
      row.enrollmentActive,
      "the enrollment is active",
      "the enrollment is not active",
    ),
    check(
      "course-missing",
      course !== undefined,
      "the course is in the catalog",
      "the course is not in the catalog",
    ),
  ];
  if (!course) return checks;
  return [
    ...checks,
    check(
      "course-ended",
      course.end === null || course.end >= today,
      "the course has not ended",
      "the course ended before today",
    ),
    check(
      "experience",
      experiences.includes(row.experience),
      `the ${experience} experience gets ${name}`,
      `the ${experience} experience does not get ${name}`,
    ),
    check(
      "org-filter",
      siteOrgFilter(input)(course.org),
      `the org ${course.org} belongs to ${input.site.domain}`,
      `the course's org ${course.org} belongs to another site`,
    ),
  ];
}

/**
 * Applies {@linkcode commonChecks} to every row: the kept rows (order preserved) and a skip, with
 * the first failing rule, for each other row.
 */
export function commonFilter(
  input: ResolveInput,
  name: string,
  experiences: readonly (ExperienceType | null)[],
): { kept: KeptRow[]; skips: Skip[] } {
  const kept: KeptRow[] = [];
  const skips: Skip[] = [];
  const today = startOfDay(input.today);
  const allowOrg = siteOrgFilter(input);
  for (const row of input.rows) {
    const course = input.catalog.courses.get(row.courseId);
    // The rules of commonChecks() as plain tests: most rows pass, and only a row that fails
    // needs the checks in words, to say which rule excluded it.
    if (
      course && row.userActive && row.enrollmentActive &&
      (course.end === null || course.end >= today) &&
      experiences.includes(row.experience) && allowOrg(course.org)
    ) {
      kept.push({ row, course });
      continue;
    }
    const failed = commonChecks(input, row, name, experiences).find((c) =>
      !c.passed
    );
    if (failed || !course) {
      skips.push({
        name,
        userId: row.userId,
        courseId: row.courseId,
        reason: failed?.reason ?? "course-missing",
        detail: failed?.words ?? "the course is not in the catalog",
      });
    } else kept.push({ row, course });
  }
  return { kept, skips };
}

const orgFilters = new WeakMap<
  ResolveInput["site"],
  (org: string) => boolean
>();

/** The site's org filter, built once per site object of a run. */
function siteOrgFilter(input: ResolveInput): (org: string) => boolean {
  let filter = orgFilters.get(input.site);
  if (!filter) {
    filter = orgFilter(input.site, input.config);
    orgFilters.set(input.site, filter);
  }
  return filter;
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

/** What a highlight email says: which week and its highlights. */
export interface UpdateContent {
  name: string;
  weekNum: number;
  highlights: string[];
  targetDate: string;
  batch: string;
}

/** A highlight email (weekly or next-section) for one schedule: one course, one week. */
export function updateCandidate(
  input: ResolveInput,
  item: KeptRow,
  content: UpdateContent,
): Candidate {
  const { row, course } = item;
  const language = messageLanguage(input.config, course);
  return {
    name: content.name,
    ...learnerFields(row),
    courseIds: [course.id],
    language,
    context: {
      kind: "update",
      course_ids: [course.id],
      course_name: course.displayName ?? course.id,
      course_url: courseUrl(input.config, course.id),
      week_num: content.weekNum,
      week_highlights: content.highlights,
      unsubscribe_url: unsubscribeUrl(input.config, row.username, course.id),
      ...upsellContext(input, item, language),
    },
    targetDate: content.targetDate,
    batch: content.batch,
  };
}
