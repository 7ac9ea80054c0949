/**
 * The template of each message name. `--weeks` on the nudge produces `recurringnudge_day<N>`
 * names other than 3, which use the day-10 template (the "keep up the momentum" wording).
 */
import type {
  CourseUpdateContext,
  NudgeContext,
  UpgradeReminderContext,
} from "../src/render/types.ts";
import { courseUpdate } from "./courseupdate.tsx";
import type { EmailTemplate } from "./env.ts";
import { instructorLedCourseUpdate } from "./instructorledcourseupdate.tsx";
import { recurringNudgeDay10 } from "./recurringnudge_day10.tsx";
import { recurringNudgeDay3 } from "./recurringnudge_day3.tsx";
import { upgradeReminder } from "./upgradereminder.tsx";

export type { EmailTemplate, TemplateEnv } from "./env.ts";

/** A template with the context kind it needs. */
export type TemplateEntry =
  | { kind: "nudge"; template: EmailTemplate<NudgeContext> }
  | { kind: "upgrade"; template: EmailTemplate<UpgradeReminderContext> }
  | { kind: "update"; template: EmailTemplate<CourseUpdateContext> };

const EXACT: Readonly<Record<string, TemplateEntry>> = {
  recurringnudge_day3: { kind: "nudge", template: recurringNudgeDay3 },
  upgradereminder: { kind: "upgrade", template: upgradeReminder },
  instructorledcourseupdate: {
    kind: "update",
    template: instructorLedCourseUpdate,
  },
  courseupdate: { kind: "update", template: courseUpdate },
};
const OTHER_NUDGE: TemplateEntry = {
  kind: "nudge",
  template: recurringNudgeDay10,
};

/** The template of a message name, or undefined for an unknown name. */
export function templateFor(name: string): TemplateEntry | undefined {
  if (Object.hasOwn(EXACT, name)) return EXACT[name];
  return /^recurringnudge_day[1-9][0-9]*$/.test(name) ? OTHER_NUDGE : undefined;
}
