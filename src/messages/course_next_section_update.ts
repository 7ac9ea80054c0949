/**
 * Next-section highlights for self-paced courses (`courseupdate`): when a section fell due
 * yesterday on the learner's personal pace, the next section's highlights. Unbinned, per course.
 */
import { type DayWindow, startOfDay } from "../domain/dates.ts";
import {
  dueStarts,
  expectedDurationDays,
  learnerSections,
  nextSectionHighlights,
} from "../domain/highlights.ts";
import {
  type Course,
  DAY_MS,
  Experience,
  type Millis,
} from "../domain/types.ts";
import { orgFilter } from "../domain/org_filter.ts";
import type { CourseWindows } from "../store/selection.ts";
import { updateCandidate } from "./common.ts";
import type {
  Candidate,
  Resolution,
  ResolveInput,
  SendType,
  Skip,
} from "./types.ts";

const NAME = "courseupdate";

/** The longest look-back any course can need: 18 weeks. */
export const MAX_LOOKBACK_DAYS = 18 * 7;

function resolve(input: ResolveInput): Resolution {
  const target = input.today.add({ days: input.offset });
  const targetStart = startOfDay(target);
  const allowOrg = orgFilter(input.site, input.config);
  const candidates: Candidate[] = [];
  const skips: Skip[] = [];
  const stopped = new Set<string>();
  for (const row of input.rows) {
    const course = input.catalog.courses.get(row.courseId);
    const skip = (reason: string, detail: string) =>
      skips.push({
        name: NAME,
        userId: row.userId,
        courseId: row.courseId,
        reason,
        detail,
      });
    if (!course || row.experience !== Experience.courseUpdates) continue;
    if (!row.enrollmentActive || !row.userActive || row.startDate === null) {
      continue;
    }
    if (row.startDate >= targetStart) continue;
    if (row.startDate < targetStart - expectedDurationDays(course) * DAY_MS) {
      continue;
    }
    if (!allowOrg(course.org)) {
      skip(
        "org-filter",
        `the course's org ${course.org} belongs to another site`,
      );
      continue;
    }
    // Upstream stops the whole course once it has ended on or before the target date.
    if (stopped.has(course.id)) continue;
    if (endedBy(course, targetStart)) {
      stopped.add(course.id);
      skip("course-ended", "the course ended on or before yesterday");
      continue;
    }
    if (!course.selfPaced) {
      skip(
        "not-self-paced",
        "instructor-paced courses get weekly updates instead",
      );
      continue;
    }
    const start = Math.max(row.startDate, course.start ?? row.startDate);
    const sections = input.catalog.sections.get(course.id) ?? [];
    const found = nextSectionHighlights(
      course,
      course.id,
      sections,
      start,
      target,
    );
    if (!found.ok) {
      skip("no-highlights", `Next Section Course Update: ${found.reason}`);
      continue;
    }
    if (found.highlights === null) {
      skip(
        "no-section-due",
        "no section of this learner's schedule fell due yesterday",
      );
      continue;
    }
    candidates.push(updateCandidate(input, { row, course }, {
      name: NAME,
      weekNum: found.weekNum,
      highlights: found.highlights,
      targetDate: target.toString(),
      batch: course.id,
    }));
  }
  return { candidates, skips };
}

/** Whether the course ended on or before the target day (`targetStart`: its 00:00 UTC). */
function endedBy(course: Course, targetStart: Millis): boolean {
  return course.end !== null && course.end < targetStart + DAY_MS;
}

/**
 * Per course, the start-date windows of the schedules {@linkcode resolve} can do anything with
 * for this target day, so that selection reads only those. Every course gets its own look-back
 * (its expected duration: older schedules are dropped without a word). A self-paced course with
 * highlights, of the site's orgs and still running, gets only the starts whose learners have a
 * section due on the target day — the section due day depends on the start alone, so that is a
 * handful of one-day windows; whoever started before the course start counts from the course
 * start. Other courses keep their whole look-back: the resolver reports each of their rows
 * (not self-paced, highlights off, another site's org, course ended). The rows left out are
 * exactly those the resolver drops silently or with `no-section-due`.
 */
export function lookbackWindows(
  input: Omit<ResolveInput, "rows">,
): CourseWindows[] {
  const target = input.today.add({ days: input.offset });
  const targetStart = startOfDay(target);
  const allowOrg = orgFilter(input.site, input.config);
  const out: CourseWindows[] = [];
  const ids = [...input.catalog.courses.keys()].sort();
  for (const id of ids) {
    const course = input.catalog.courses.get(id)!;
    const duration = expectedDurationDays(course) * DAY_MS;
    const lookback = { from: targetStart - duration, to: targetStart };
    const narrow = course.selfPaced && course.highlightsEnabled &&
      allowOrg(course.org) && !endedBy(course, targetStart);
    const windows = narrow
      ? dueWindows(
        course,
        learnerSections(input.catalog.sections.get(id) ?? []).length,
        lookback,
      )
      : [lookback];
    if (windows.length > 0) out.push({ courseId: id, windows });
  }
  return out;
}

/**
 * Schedule starts inside `lookback` whose learner has one of `count` sections due on the day
 * `lookback.to` begins, merged into ordered, disjoint windows. The learner's start is the later
 * of the schedule start and the course start, as in {@linkcode resolve}.
 */
function dueWindows(
  course: Course,
  count: number,
  lookback: DayWindow,
): DayWindow[] {
  const duration = lookback.to - lookback.from;
  const raw: DayWindow[] = [];
  for (let i = 0; i < count; i++) {
    const due = dueStarts(duration, i, count, lookback.to);
    const courseStart = course.start;
    if (courseStart === null) {
      raw.push(due);
      continue;
    }
    raw.push({ from: Math.max(due.from, courseStart), to: due.to });
    // Everyone who started before the course start counts from the course start.
    if (due.from <= courseStart && courseStart < due.to) {
      raw.push({ from: lookback.from, to: courseStart });
    }
  }
  const clipped = raw
    .map((w) => ({
      from: Math.max(w.from, lookback.from),
      to: Math.min(w.to, lookback.to),
    }))
    .filter((w) => w.from < w.to)
    .sort((a, b) => a.from - b.from);
  const merged: DayWindow[] = [];
  for (const w of clipped) {
    const last = merged.at(-1);
    if (last && w.from <= last.to) last.to = Math.max(last.to, w.to);
    else merged.push({ ...w });
  }
  return merged;
}

/** The next-section course-update message type. */
export const courseNextSectionUpdate: SendType = {
  id: "course-next-section-update",
  prefix: "Course Next Section Update",
  names: [NAME],
  enqueueFlag: "enqueue_course_update",
  deliverFlag: "deliver_course_update",
  defaultOffsets: [-1],
  binned: false,
  dateField: "start_date",
  nameFor: () => NAME,
  experiencesFor: () => [Experience.courseUpdates],
  resolve,
};
