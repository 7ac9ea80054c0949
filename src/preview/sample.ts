/**
 * The built-in sample for `schedules preview` on a database without data: a platform and site,
 * a self-paced and an instructor-paced course with highlights and a verified mode, and a learner
 * whose schedule is placed so that the requested message is due. The sample goes through the
 * real resolvers like any learner, so a preview of the sample is what a send would render.
 */
import {
  type Config,
  DEFAULT_THEME,
  defaultConfig,
  type SiteConfig,
} from "../config.ts";
import { startOfDay } from "../domain/dates.ts";
import { orgsOf } from "../domain/org_filter.ts";
import {
  type Course,
  type CourseMode,
  DAY_MS,
  Experience,
  type ExperienceType,
  type Section,
} from "../domain/types.ts";
import { siteValue } from "../config.ts";
import type { Catalog, ScheduleRow } from "../store/selection.ts";

/** The sample learner's user id (0: never a real learner, whose ids start at 1). */
export const SAMPLE_USER_ID = 0;

/** The sample learner's address. */
export const SAMPLE_EMAIL = "sample.learner@example.com";

/** The sample site, used when the database has no site. */
export const SAMPLE_DOMAIN = "courses.example.com";

/** The sample configuration: Example Academy with one site, every flag on, deadlines on. */
export function sampleConfig(): Config {
  const config = defaultConfig();
  config.platform = {
    ...config.platform,
    platform_name: "Example Academy",
    lms_root_url: "https://courses.example.com",
    learning_mfe_url: "https://apps.courses.example.com/learning",
    default_from_email: "learning@example.com",
    contact_email: "support@example.com",
    contact_mailing_address: "1 Example Street, Springfield",
    marketing_urls: { ROOT: "https://www.example.com" },
    theme: structuredClone(DEFAULT_THEME) as Config["platform"]["theme"],
  };
  config.sites = [{
    domain: SAMPLE_DOMAIN,
    configuration: null,
    schedule_config: {
      enqueue_recurring_nudge: true,
      deliver_recurring_nudge: true,
      enqueue_upgrade_reminder: true,
      deliver_upgrade_reminder: true,
      enqueue_course_update: true,
      deliver_course_update: true,
    },
  }];
  config.dynamic_upgrade_deadline.global = { enabled: true, deadline_days: 21 };
  return config;
}

/**
 * An org the site's messages may be about, so the sample course passes its org filter: the
 * first org of its `course_org_filter`, else one that no site claims.
 */
export function sampleOrg(site: SiteConfig): string {
  return orgsOf(siteValue(site, "course_org_filter"))[0] ?? "SampleX";
}

const SECTIONS: readonly [string, string[]][] = [
  ["Getting started", ["Meet your classmates", "How the course works"]],
  ["Working with data", ["Loading a table", "Cleaning messy columns"]],
  ["Drawing conclusions", ["Averages that mislead", "Your first chart"]],
  ["Sharing results", ["Writing a short report", "Peer review"]],
];

/** The two sample courses: `SAMPLE101` (self-paced) and `SAMPLE201` (instructor-paced). */
export function sampleCatalog(
  org: string,
  date: Temporal.PlainDate,
): Catalog {
  const day = startOfDay(date);
  const course = (code: string, name: string, selfPaced: boolean): Course => ({
    id: `course-v1:${org}+${code}+sample`,
    displayName: name,
    org,
    start: day - 200 * DAY_MS,
    end: day + 200 * DAY_MS,
    selfPaced,
    language: null,
    highlightsEnabled: true,
    weeksToComplete: 4,
  });
  const courses = [
    course("SAMPLE101", "Introduction to Data (sample)", true),
    course("SAMPLE201", "World History (sample)", false),
  ];
  const sections: Section[] = SECTIONS.map(([name, highlights], i) => ({
    position: i + 1,
    name,
    highlights,
    hideFromToc: false,
    visibleToStaffOnly: false,
  }));
  const modes = (id: string): CourseMode[] =>
    ["audit", "verified"].map((slug) => ({
      courseId: id,
      modeSlug: slug,
      expirationDatetime: null,
      expirationIsExplicit: false,
      sku: slug === "verified" ? "SAMPLE-SKU" : null,
      minPrice: slug === "verified" ? 49 : 0,
    }));
  return {
    courses: new Map(courses.map((c) => [c.id, c])),
    sections: new Map(courses.map((c) => [c.id, sections])),
    modes: new Map(courses.map((c) => [c.id, modes(c.id)])),
  };
}

/** The sample course a message is about: the instructor-paced one for weekly updates. */
export function sampleCourseId(catalog: Catalog, name: string): string {
  const wanted = name !== "instructorledcourseupdate";
  const course = [...catalog.courses.values()].find((c) =>
    c.selfPaced === wanted
  );
  return course?.id ?? [...catalog.courses.keys()][0] ?? "";
}

/** The experience a message goes to: highlights emails need `course_updates`. */
export function sampleExperience(name: string): ExperienceType {
  return name === "instructorledcourseupdate" || name === "courseupdate"
    ? Experience.courseUpdates
    : Experience.default;
}

/**
 * The sample learner's schedule in `courseId`, started `daysBefore` days before `date`, with an
 * upgrade deadline 21 days after the start (upstream's default deadline).
 */
export function sampleRow(
  courseId: string,
  name: string,
  date: Temporal.PlainDate,
  daysBefore: number,
): ScheduleRow {
  const start = startOfDay(date) - daysBefore * DAY_MS;
  return {
    scheduleId: 0,
    startDate: start,
    upgradeDeadline: start + 21 * DAY_MS,
    experience: sampleExperience(name),
    enrollmentId: 0,
    courseId,
    mode: "audit",
    enrollmentActive: true,
    userId: SAMPLE_USER_ID,
    username: "sample_learner",
    email: SAMPLE_EMAIL,
    userActive: true,
    hasUsablePassword: true,
  };
}
