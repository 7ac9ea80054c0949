/**
 * Which highlights a learner gets (upstream `content_highlights.py`): the weekly rule for
 * instructor-paced courses and the next-section rule for self-paced ones.
 */
import type { Course, Millis, Section } from "./types.ts";
import { DAY_MS } from "./types.ts";
import { type DayWindow, startOfDay } from "./dates.ts";

/** A highlight lookup that failed, with upstream's reason text. */
export interface HighlightFailure {
  ok: false;
  reason: string;
}

/** Highlights found for a week. */
export interface HighlightHit {
  ok: true;
  highlights: string[];
  weekNum: number;
}

function courseProblem(
  course: Course | undefined,
  courseId: string,
): HighlightFailure | null {
  if (!course) return { ok: false, reason: `Course ${courseId} not found.` };
  if (!course.highlightsEnabled) {
    return {
      ok: false,
      reason: `${courseId} Course Update Messages are disabled.`,
    };
  }
  return null;
}

/** Sections the learner can see: staff-only ones disappear (upstream's learner-bound course). */
export function learnerSections(sections: readonly Section[]): Section[] {
  return sections.filter((section) => !section.visibleToStaffOnly);
}

/**
 * Weekly highlights: week N is the N-th visible section that has highlights and is not hidden
 * from the table of contents; past the last one there is nothing.
 */
export function weekHighlights(
  course: Course | undefined,
  courseId: string,
  sections: readonly Section[],
  week: number,
): HighlightHit | HighlightFailure {
  const problem = courseProblem(course, courseId);
  if (problem) return problem;
  const withHighlights = learnerSections(sections).filter((section) =>
    !section.hideFromToc && section.highlights.length > 0
  );
  const section = week >= 1 ? withHighlights[week - 1] : undefined;
  if (!section) {
    return {
      ok: false,
      reason:
        `Requested week ${week} but ${courseId} has only ${withHighlights.length} sections.`,
    };
  }
  return { ok: true, highlights: section.highlights, weekNum: week };
}

/** Expected course duration in days: weeks_to_complete clamped to 4–18 weeks, default 4. */
export function expectedDurationDays(course: Course): number {
  const weeks = course.weeksToComplete ?? 4;
  return Math.min(18, Math.max(4, weeks)) * 7;
}

/** No section is due on the target date. */
export interface NothingDue {
  ok: true;
  highlights: null;
  weekNum: null;
}

/**
 * Next-section highlights: with N visible sections spread evenly over the expected duration,
 * section i is due at `start + duration × (i + 1) / N`; when it is due on `targetDate`, the
 * learner gets section i+1's highlights (week i + 2). Zero sections means nothing is due
 * (upstream divides by zero there).
 */
export function nextSectionHighlights(
  course: Course | undefined,
  courseId: string,
  sections: readonly Section[],
  start: Millis,
  targetDate: Temporal.PlainDate,
): HighlightHit | HighlightFailure | NothingDue {
  const problem = courseProblem(course, courseId);
  if (problem || !course) return problem!;
  const visible = learnerSections(sections);
  const count = visible.length;
  if (count === 0) return { ok: true, highlights: null, weekNum: null };
  const duration = expectedDurationDays(course) * DAY_MS;
  const target = startOfDay(targetDate);
  for (let i = 0; i < count; i++) {
    if (dueDay(start, duration, i, count) !== target) continue;
    const next = visible[i + 1];
    if (!next) {
      return {
        ok: false,
        reason:
          `Last section was reached. There are no more highlights for ${courseId}`,
      };
    }
    if (next.highlights.length === 0 || next.hideFromToc) {
      return {
        ok: false,
        reason: `Next section [${
          next.name ?? ""
        }] has no highlights for ${courseId}`,
      };
    }
    return { ok: true, highlights: next.highlights, weekNum: i + 2 };
  }
  return { ok: true, highlights: null, weekNum: null };
}

/**
 * 00:00 UTC of the day section `index` of `count` falls due for a learner who started at
 * `start`, over a course of `duration` ms. UTC days are whole multiples of DAY_MS since the
 * epoch: the due day without a Date.
 */
export function dueDay(
  start: Millis,
  duration: number,
  index: number,
  count: number,
): Millis {
  const due = start + (duration * (index + 1)) / count;
  return Math.floor(due / DAY_MS) * DAY_MS;
}

/**
 * The starts (whole milliseconds) for which section `index` of `count` falls due on the day
 * beginning at `target`: `[from, to)`. Found with {@linkcode dueDay} itself — which never
 * decreases as the start grows — so that it agrees with the rule to the millisecond, rounding
 * included.
 */
export function dueStarts(
  duration: number,
  index: number,
  count: number,
  target: Millis,
): DayWindow {
  const offset = (duration * (index + 1)) / count;
  // The first start whose due day is at least `day`, searched from the exact estimate.
  const firstReaching = (day: Millis) => {
    let start = Math.ceil(day - offset);
    while (dueDay(start - 1, duration, index, count) >= day) start--;
    while (dueDay(start, duration, index, count) < day) start++;
    return start;
  };
  return { from: firstReaching(target), to: firstReaching(target + DAY_MS) };
}
