/**
 * Upgrade deadline at send time, upsell eligibility and the upgrade link (behaviour.md §3).
 * Note the asymmetry with creation time: here the global switch must be on.
 */
import type { DeadlineConfig, PlatformConfig } from "../config.ts";
import { startOfDay, utcDate } from "./dates.ts";
import type { Course, CourseMode, Millis } from "./types.ts";

/** The facts about one learner's schedule that the upsell rules read. */
export interface UpsellInput {
  course: Course;
  /** The course's modes (expired ones are filtered here against `now`). */
  modes: readonly CourseMode[];
  mode: string;
  enrollmentActive: boolean;
  upgradeDeadline: Millis | null;
}

/** The upsell decision; `deadline` is the dynamic deadline shown in the email. */
export type Upsell = { show: false } | {
  show: true;
  link: string;
  deadline: Millis;
};

const UPSELL_MODES = new Set(["audit", "honor"]);

/** The verified mode of a course: the current professional mode, else the current verified one. */
export function verifiedMode(
  modes: readonly CourseMode[],
  now: Millis,
): CourseMode | undefined {
  const current = modes.filter((m) =>
    m.expirationDatetime === null || m.expirationDatetime > now
  );
  return current.find((m) => m.modeSlug === "professional") ??
    current.find((m) => m.modeSlug === "verified");
}

/** Step 1: the dynamic deadline, or null when the configuration does not give one. */
export function dynamicDeadline(
  input: UpsellInput,
  deadlines: DeadlineConfig,
): Millis | null {
  const { course } = input;
  if (
    !course.selfPaced || !deadlines.global.enabled || !input.enrollmentActive
  ) return null;
  const courseRow = deadlines.courses[course.id];
  const orgRow = deadlines.orgs[course.org];
  const courseOptedOut = courseRow?.enabled === true && courseRow.opt_out;
  const courseOptedIn = courseRow?.enabled === true && !courseRow.opt_out;
  const orgOptedOut = orgRow?.enabled === true && orgRow.opt_out;
  if (courseOptedOut || (orgOptedOut && !courseOptedIn)) return null;
  return input.upgradeDeadline;
}

/** Step 2: the learner's effective upgrade deadline. */
export function effectiveDeadline(
  input: UpsellInput,
  dynamic: Millis | null,
  now: Millis,
): Millis | null {
  if (!UPSELL_MODES.has(input.mode)) return null;
  const verified = verifiedMode(input.modes, now);
  if (dynamic !== null) {
    if (dynamic <= now || !verified || verified.modeSlug === "professional") {
      return null;
    }
    return dynamic;
  }
  return verified?.expirationDatetime ?? null;
}

/** Steps 1–5 together: whether to upsell, with the link and the deadline to print. */
export function upsellFor(
  input: UpsellInput,
  deadlines: DeadlineConfig,
  platform: PlatformConfig,
  today: Temporal.PlainDate,
): Upsell {
  const now = startOfDay(today);
  const dynamic = dynamicDeadline(input, deadlines);
  if (dynamic === null) return { show: false };
  const effective = effectiveDeadline(input, dynamic, now);
  const canShow = effective !== null &&
    Temporal.PlainDate.compare(today, utcDate(effective)) <= 0 &&
    input.enrollmentActive && UPSELL_MODES.has(input.mode);
  if (!canShow) return { show: false };
  const verified = verifiedMode(input.modes, now);
  if (!verified) return { show: false };
  const { ecommerce } = platform;
  const link = ecommerce.enabled
    ? `${
      ecommerce.public_url_root.replace(/\/$/, "")
    }${ecommerce.basket_path}?sku=${encodeURIComponent(verified.sku ?? "")}`
    : "/dashboard";
  return { show: true, link, deadline: dynamic };
}
