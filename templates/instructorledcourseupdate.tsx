/**
 * `instructorledcourseupdate` (behaviour.md §7.5): the weekly highlights of an instructor-paced
 * course, "<course> Weekly Update".
 */
import { courseUpdateTemplate } from "./components/course_update.tsx";

/** The template. */
export const instructorLedCourseUpdate = courseUpdateTemplate({
  subject: "{course_name} Weekly Update",
  intro:
    "We hope you're enjoying {course_name}! We want to let you know what you can look forward to in the coming weeks:",
  encouragement:
    "We encourage you to spend time with the course each week. Your focused attention will pay off in the end!",
});
