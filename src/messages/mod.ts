/**
 * The message types, in `send all` order. A new type is one module, one template and one line
 * here.
 */
import { courseNextSectionUpdate } from "./course_next_section_update.ts";
import { courseUpdate } from "./course_update.ts";
import { recurringNudge } from "./recurring_nudge.ts";
import type { SendType, SendTypeId } from "./types.ts";
import { upgradeReminder } from "./upgrade_reminder.ts";

export type {
  Candidate,
  Resolution,
  ResolveInput,
  SendType,
  SendTypeId,
  Skip,
} from "./types.ts";
export { weeklyOffsets } from "./course_update.ts";
export {
  lookbackWindows,
  MAX_LOOKBACK_DAYS,
} from "./course_next_section_update.ts";

/** Every type in `send all` order. */
export const SEND_TYPES: readonly SendType[] = [
  recurringNudge,
  upgradeReminder,
  courseUpdate,
  courseNextSectionUpdate,
];

/** The type with a `send` id, or undefined. */
export function sendType(id: string): SendType | undefined {
  return SEND_TYPES.find((type) => type.id === id);
}

/** Whether `id` names a type. */
export function isSendTypeId(id: string): id is SendTypeId {
  return SEND_TYPES.some((type) => type.id === id);
}
