/**
 * Recurring nudges (`recurringnudge_day3`, `recurringnudge_day10`): 3 and 10 days after the
 * schedule start, one email per learner about their first course, only for self-paced courses.
 */
import { Experience } from "../domain/types.ts";
import {
  commonFilter,
  courseUrl,
  groupByUser,
  learnerFields,
  messageLanguage,
  targetDay,
  upsellContext,
} from "./common.ts";
import type {
  Candidate,
  Resolution,
  ResolveInput,
  SendType,
  Skip,
} from "./types.ts";

function nameFor(offset: number): string {
  return `recurringnudge_day${Math.abs(offset)}`;
}

/** The day-3 nudge also goes to the highlights experience; later nudges do not. */
function experiencesFor(offset: number) {
  return offset === -3
    ? [null, Experience.default, Experience.courseUpdates]
    : [null, Experience.default];
}

function resolve(input: ResolveInput): Resolution {
  const name = nameFor(input.offset);
  const { kept, skips } = commonFilter(
    input,
    name,
    experiencesFor(input.offset),
  );
  const candidates: Candidate[] = [];
  const targetDate = targetDay(input);
  for (const group of groupByUser(kept)) {
    const first = group[0]!;
    if (!first.course.selfPaced) {
      skips.push(...group.map((item): Skip => ({
        name,
        userId: item.row.userId,
        courseId: item.row.courseId,
        reason: "not-self-paced",
        detail:
          `the learner's first course ${first.course.id} is instructor-paced`,
      })));
      continue;
    }
    const language = messageLanguage(input.config, first.course);
    candidates.push({
      name,
      ...learnerFields(first.row),
      courseIds: group.map((item) => item.course.id),
      language,
      context: {
        kind: "nudge",
        course_ids: group.map((item) => item.course.id),
        course_name: first.course.displayName ?? first.course.id,
        course_url: courseUrl(input.config, first.course.id),
        ...upsellContext(input, first, language),
      },
      targetDate,
      batch: "",
    });
  }
  return { candidates, skips };
}

/** The recurring-nudge message type. */
export const recurringNudge: SendType = {
  id: "recurring-nudge",
  prefix: "Recurring Nudge",
  names: ["recurringnudge_day3", "recurringnudge_day10"],
  enqueueFlag: "enqueue_recurring_nudge",
  deliverFlag: "deliver_recurring_nudge",
  defaultOffsets: [-3, -10],
  binned: true,
  dateField: "start_date",
  nameFor,
  experiencesFor,
  resolve,
};
