/**
 * The shipped English catalog: every user-visible string of the five emails. A key is the gettext
 * `msgid` (the English source text with ICU-style `{placeholders}`); a plural entry keys its
 * singular and gives the CLDR plural forms. Other languages are catalogs with the same keys.
 */
import type { Catalog } from "./catalog.ts";

/** English source strings (msgid → English text). */
export const en = {
  // Shared layout (head, header, footer)
  "{platform_name} Email": "{platform_name} Email",
  "Go to {platform_name} Home Page": "Go to {platform_name} Home Page",
  "My Account": "My Account",
  "{platform_name} on LinkedIn": "{platform_name} on LinkedIn",
  "{platform_name} on Twitter": "{platform_name} on Twitter",
  "{platform_name} on Facebook": "{platform_name} on Facebook",
  "{platform_name} on Google Plus": "{platform_name} on Google Plus",
  "{platform_name} on Reddit": "{platform_name} on Reddit",
  "Download the iOS app on the Apple Store":
    "Download the iOS app on the Apple Store",
  "Download the Android app on the Google Play Store":
    "Download the Android app on the Google Play Store",
  "View on Web": "View on Web",
  "Unsubscribe from this list": "Unsubscribe from this list",
  "© {year} {platform_name}, All rights reserved.":
    "© {year} {platform_name}, All rights reserved.",
  "Our mailing address is:": "Our mailing address is:",
  "Unsubscribe from these emails.": "Unsubscribe from these emails.",
  // Upsell block
  "Don't miss the opportunity to highlight your new knowledge and skills by earning a verified certificate. Upgrade by {user_schedule_upgrade_deadline_time}.":
    "Don't miss the opportunity to highlight your new knowledge and skills by earning a verified certificate. Upgrade by {user_schedule_upgrade_deadline_time}.",
  "Upgrade Now": "Upgrade Now",
  // recurringnudge_day3
  "Keep learning in {course_name}": "Keep learning in {course_name}",
  "Keep learning on {platform_name}": "Keep learning on {platform_name}",
  "Remember when you enrolled in {course_name} on {platform_name}? We do, and we're glad to have you! Come see what everyone is learning.":
    "Remember when you enrolled in {course_name} on {platform_name}? We do, and we're glad to have you! Come see what everyone is learning.",
  "Remember when you enrolled in {course_name}, and other courses on {platform_name}? We do, and we're glad to have you! Come see what everyone is learning.":
    "Remember when you enrolled in {course_name}, and other courses on {platform_name}? We do, and we're glad to have you! Come see what everyone is learning.",
  "Keep learning today.": "Keep learning today.",
  "Start learning now": "Start learning now",
  // recurringnudge_day10
  "Keep up the momentum!": "Keep up the momentum!",
  "Many {platform_name} learners in {course_name} are completing more problems every week, and participating in the discussion forums. What do you want to do to keep learning?":
    "Many {platform_name} learners in {course_name} are completing more problems every week, and participating in the discussion forums. What do you want to do to keep learning?",
  "Many {platform_name} learners are completing more problems every week, and participating in the discussion forums. What do you want to do to keep learning?":
    "Many {platform_name} learners are completing more problems every week, and participating in the discussion forums. What do you want to do to keep learning?",
  "Keep learning": "Keep learning",
  // upgradereminder
  "Upgrade to earn a verified certificate on {platform_name}":
    "Upgrade to earn a verified certificate on {platform_name}",
  "Upgrade to earn a verified certificate in {first_course_name}":
    "Upgrade to earn a verified certificate in {first_course_name}",
  "We hope you are enjoying learning with us so far on {platform_name}! A verified certificate allows you to highlight your new knowledge and skills. An {platform_name} certificate is official and easily shareable.":
    "We hope you are enjoying learning with us so far on {platform_name}! A verified certificate allows you to highlight your new knowledge and skills. An {platform_name} certificate is official and easily shareable.",
  "We hope you are enjoying learning with us so far in {first_course_name}! A verified certificate allows you to highlight your new knowledge and skills. An {platform_name} certificate is official and easily shareable.":
    "We hope you are enjoying learning with us so far in {first_course_name}! A verified certificate allows you to highlight your new knowledge and skills. An {platform_name} certificate is official and easily shareable.",
  "Upgrade by {user_schedule_upgrade_deadline_time}.":
    "Upgrade by {user_schedule_upgrade_deadline_time}.",
  "Upgrade now": "Upgrade now",
  "You are eligible to upgrade in this course:": {
    one: "You are eligible to upgrade in this course:",
    other: "You are eligible to upgrade in these courses:",
  },
  "Example of a verified certificate": "Example of a verified certificate",
  "Upgrade now at": "Upgrade now at",
  // instructorledcourseupdate
  "{course_name} Weekly Update": "{course_name} Weekly Update",
  "Welcome to week {week_num} of {course_name}!":
    "Welcome to week {week_num} of {course_name}!",
  "We hope you're enjoying {course_name}! We want to let you know what you can look forward to in the coming weeks:":
    "We hope you're enjoying {course_name}! We want to let you know what you can look forward to in the coming weeks:",
  "We encourage you to spend time with the course each week. Your focused attention will pay off in the end!":
    "We encourage you to spend time with the course each week. Your focused attention will pay off in the end!",
  "Resume your course now": "Resume your course now",
  // courseupdate
  "Welcome to week {week_num}": "Welcome to week {week_num}",
  "We hope you're enjoying {course_name}! We want to let you know what you can look forward to in week {week_num}:":
    "We hope you're enjoying {course_name}! We want to let you know what you can look forward to in week {week_num}:",
  "With self-paced courses, you learn on your own schedule. We encourage you to spend time with the course each week. Your focused attention will pay off in the end!":
    "With self-paced courses, you learn on your own schedule. We encourage you to spend time with the course each week. Your focused attention will pay off in the end!",
} as const satisfies Catalog;

/** A msgid of the shipped catalog. */
export type MsgId = keyof typeof en;
