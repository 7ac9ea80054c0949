/**
 * `courseupdate` (behaviour.md §7.6): the next section's highlights of a self-paced course, in the
 * pre-2025 design on the shared layout with the upsell block (contract.md "Deliberate
 * differences" 6: the 2025 redesign is edX.org-branded).
 */
import { courseUpdateTemplate } from "./components/course_update.tsx";

/** The template. */
export const courseUpdate = courseUpdateTemplate({
  subject: "Welcome to week {week_num}",
  intro:
    "We hope you're enjoying {course_name}! We want to let you know what you can look forward to in week {week_num}:",
  encouragement:
    "With self-paced courses, you learn on your own schedule. We encourage you to spend time with the course each week. Your focused attention will pay off in the end!",
});
