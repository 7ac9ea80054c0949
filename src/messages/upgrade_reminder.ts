/**
 * Upgrade reminders (`upgradereminder`): two days before the learner's upgrade deadline, one
 * email per learner listing the self-paced courses they can still upgrade in.
 */
import { Experience } from "../domain/types.ts";
import {
  commonFilter,
  courseUrl,
  groupByUser,
  type KeptRow,
  learnerFields,
  messageLanguage,
  targetDay,
  upsellContext,
} from "./common.ts";
import type { Candidate, Resolution, ResolveInput, SendType } from "./types.ts";

const NAME = "upgradereminder";
const EXPERIENCES = [null, Experience.default] as const;

function resolve(input: ResolveInput): Resolution {
  const { kept, skips } = commonFilter(input, NAME, EXPERIENCES);
  const candidates: Candidate[] = [];
  const targetDate = targetDay(input);
  for (const group of groupByUser(kept)) {
    // The language comes from the first course of the unfiltered group, even if it is dropped.
    const language = messageLanguage(input.config, group[0]!.course);
    const eligible: {
      item: KeptRow;
      upsell: ReturnType<typeof upsellContext>;
    }[] = [];
    for (const item of group) {
      const skip = (reason: string, detail: string) =>
        skips.push({
          name: NAME,
          userId: item.row.userId,
          courseId: item.course.id,
          reason,
          detail,
        });
      if (!item.course.selfPaced) {
        skip(
          "not-self-paced",
          "instructor-paced courses get no upgrade reminder",
        );
        continue;
      }
      const upsell = upsellContext(input, item, language);
      if (!upsell.show_upsell) {
        skip(
          "not-upsell-eligible",
          "the learner cannot upgrade in this course today",
        );
        continue;
      }
      eligible.push({ item, upsell });
    }
    const primary = eligible[0];
    if (!primary) continue;
    const courseIds = eligible.map(({ item }) => item.course.id);
    candidates.push({
      name: NAME,
      ...learnerFields(primary.item.row),
      courseIds,
      language,
      context: {
        kind: "upgrade",
        course_ids: courseIds,
        course_links: eligible.map(({ item }) => ({
          url: courseUrl(input.config, item.course.id),
          name: item.course.displayName ?? item.course.id,
        })),
        first_course_name: primary.item.course.displayName ??
          primary.item.course.id,
        cert_image: `${
          input.config.platform.lms_root_url.replace(/\/$/, "")
        }/static/course_experience/images/verified-cert.png`,
        ...primary.upsell,
      },
      targetDate,
      batch: "",
    });
  }
  return { candidates, skips };
}

/** The upgrade-reminder message type. */
export const upgradeReminder: SendType = {
  id: "upgrade-reminder",
  prefix: "Upgrade Reminder",
  names: [NAME],
  enqueueFlag: "enqueue_upgrade_reminder",
  deliverFlag: "deliver_upgrade_reminder",
  defaultOffsets: [2],
  binned: true,
  dateField: "upgrade_deadline",
  nameFor: () => NAME,
  experiencesFor: () => EXPERIENCES,
  resolve,
};
