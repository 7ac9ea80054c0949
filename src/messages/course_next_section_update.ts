/**
 * Next-section highlights for self-paced courses (`courseupdate`): when a section fell due
 * yesterday on the learner's personal pace, the next section's highlights. Unbinned, per course.
 */
import { startOfDay, utcDate } from "../domain/dates.ts";
import {
  expectedDurationDays,
  nextSectionHighlights,
} from "../domain/highlights.ts";
import { DAY_MS, Experience } from "../domain/types.ts";
import { orgFilter } from "../domain/org_filter.ts";
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
    if (
      course.end !== null &&
      Temporal.PlainDate.compare(utcDate(course.end), target) <= 0
    ) {
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
