/**
 * Open edX course keys: `course-v1:ORG+COURSE+RUN` (current) and the deprecated `ORG/COURSE/RUN`.
 * The org of a course is derived from its key, as CourseOverview does.
 */

/** The three parts of a course key. */
export interface CourseKey {
  org: string;
  course: string;
  run: string;
}

// opaque-keys' ALLOWED_ID_CHARS is [\w\-~.:] with Python's Unicode-aware \w.
const PART = String.raw`[\p{L}\p{N}\p{M}_\-~.:]+`;
const NEW_STYLE = new RegExp(
  `^course-v1:(${PART})\\+(${PART})\\+(${PART})$`,
  "u",
);
const OLD_STYLE = new RegExp(`^(${PART})/(${PART})/(${PART})$`, "u");

/**
 * Splits a course key into org, course and run. Throws a `RangeError` for anything that is not
 * an Open edX course key (branch/version suffixes included: those name course versions, not
 * courses).
 */
export function parseCourseKey(text: string): CourseKey {
  const match = text.startsWith("course-v1:")
    ? NEW_STYLE.exec(text)
    : OLD_STYLE.exec(text);
  if (!match) {
    throw new RangeError(
      `"${text}" is not an Open edX course key (course-v1:ORG+COURSE+RUN or ORG/COURSE/RUN)`,
    );
  }
  const [, org = "", course = "", run = ""] = match;
  return { org, course, run };
}

/** The org of a course key (`ExampleX` for `course-v1:ExampleX+D101+2026`). */
export function courseOrg(courseId: string): string {
  return parseCourseKey(courseId).org;
}

/** The current-style key of org, course and run (what an OLX export describes). */
export function formatCourseKey(key: CourseKey): string {
  return `course-v1:${key.org}+${key.course}+${key.run}`;
}
