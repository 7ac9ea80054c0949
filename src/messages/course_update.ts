/**
 * Weekly highlights for instructor-paced courses (`instructorledcourseupdate`): 7, 14, … 70
 * days after the schedule start, one email per schedule with that week's highlights.
 */
import { weekHighlights } from "../domain/highlights.ts";
import { Experience } from "../domain/types.ts";
import { commonFilter, updateCandidate } from "./common.ts";
import type { Candidate, Resolution, ResolveInput, SendType } from "./types.ts";

const NAME = "instructorledcourseupdate";
const EXPERIENCES = [Experience.courseUpdates] as const;

/** −7, −14, … −7N. */
export function weeklyOffsets(weeks: number): number[] {
  return Array.from({ length: weeks }, (_, i) => -7 * (i + 1));
}

function resolve(input: ResolveInput): Resolution {
  const { kept, skips } = commonFilter(input, NAME, EXPERIENCES);
  const week = Math.trunc(Math.abs(input.offset) / 7);
  const candidates: Candidate[] = [];
  for (const item of kept) {
    const { row, course } = item;
    const skip = (reason: string, detail: string) =>
      skips.push({
        name: NAME,
        userId: row.userId,
        courseId: course.id,
        reason,
        detail,
      });
    if (course.selfPaced) {
      skip("self-paced", "self-paced courses get next-section updates instead");
      continue;
    }
    const found = weekHighlights(
      course,
      course.id,
      input.catalog.sections.get(course.id) ?? [],
      week,
    );
    if (!found.ok) {
      skip(
        "no-highlights",
        `Weekly highlights for user ${row.username} in week ${week} of course ${course.id} does not exist or is disabled (${found.reason})`,
      );
      continue;
    }
    candidates.push(updateCandidate(input, item, {
      name: NAME,
      weekNum: week,
      highlights: found.highlights,
      // Every week of a schedule targets the same start day: key each week by the day it is due.
      targetDate: input.today.toString(),
      batch: "",
    }));
  }
  return { candidates, skips };
}

/** The weekly course-update message type. */
export const courseUpdate: SendType = {
  id: "course-update",
  prefix: "Course Update",
  names: [NAME],
  enqueueFlag: "enqueue_course_update",
  deliverFlag: "deliver_course_update",
  defaultOffsets: weeklyOffsets(10),
  binned: true,
  dateField: "start_date",
  nameFor: () => NAME,
  experiencesFor: () => EXPERIENCES,
  resolve,
};
