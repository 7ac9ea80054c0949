/**
 * EmailInput fixtures for the rendering tests: one Example Academy site with every footer
 * feature, deterministic uuids and a fixed year, so golden files never change by themselves.
 */
import { DEFAULT_THEME } from "../../src/config.ts";
import { NO_HOOKS } from "../../src/channels/channel.ts";
import type {
  BaseContext,
  ChannelTemplateHooks,
  CourseUpdateContext,
  EmailInput,
  MessageContext,
  NudgeContext,
  UpgradeReminderContext,
} from "../../src/render/types.ts";

/** The five message names of the golden files. */
export const MESSAGE_NAMES = [
  "recurringnudge_day3",
  "recurringnudge_day10",
  "upgradereminder",
  "instructorledcourseupdate",
  "courseupdate",
] as const;

/** A message name of the golden files. */
export type MessageName = typeof MESSAGE_NAMES[number];

/** The fixed message uuid. */
export const UUID = "11111111-1111-4111-8111-111111111111";
/** The fixed send (batch) uuid. */
export const SEND_UUID = "22222222-2222-4222-8222-222222222222";
/** The fixed copyright year. */
export const YEAR = 2026;
/** The site of every fixture. */
export const SITE = "courses.example.com";
/** The first course of every fixture. */
export const COURSE_ID = "course-v1:edX+DemoX+Demo_Course";

/** Sailthru's template hooks (literal placeholders Sailthru fills in). */
export const SAILTHRU_HOOKS: ChannelTemplateHooks = {
  trackerImageSources: ["{beacon_src}"],
  actionLinks: [
    { url: "{view_url}", label: "View on Web" },
    { url: "{optout_confirm_url}", label: "Unsubscribe from this list" },
  ],
};

/** The base context of the fixture site. */
export function baseContext(): BaseContext {
  const cdn = "https://cdn.example.com/images";
  return {
    platform_name: "Example Academy",
    contact_email: "support@example.com",
    contact_mailing_address: "1 Example Street, Springfield",
    homepage_url: "https://www.example.com",
    dashboard_url: "/dashboard",
    logo_url: "https://courses.example.com/static/logo.png",
    template_revision: "rev-2026.1",
    social_media_urls: {
      linkedin: "https://www.linkedin.com/company/example",
      twitter: "https://twitter.com/example",
      facebook: "https://www.facebook.com/example",
      reddit: "https://www.reddit.com/r/example",
    },
    social_media_logo_urls: {
      linkedin: `${cdn}/linkedin.png`,
      twitter: `${cdn}/twitter.png`,
      facebook: `${cdn}/facebook.png`,
      reddit: `${cdn}/reddit.png`,
    },
    mobile_store_urls: {
      apple: "https://apps.apple.com/app/example",
      google: "https://play.google.com/store/apps/details?id=com.example",
    },
    mobile_store_logo_urls: {
      apple: `${cdn}/app-store.png`,
      google: `${cdn}/google-play.png`,
    },
    google_analytics_tracking_id: "UA-123456-1",
    google_analytics_user_id_custom_dimension: null,
    theme: structuredClone(DEFAULT_THEME) as BaseContext["theme"],
  };
}

/** `count` course ids, the demo course first. */
export function courseIds(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => i === 0 ? COURSE_ID : `course-v1:ExampleX+C${i + 100}+2026`,
  );
}

const UPSELL = {
  show_upsell: true,
  upsell_link: "https://ecommerce.example.com/basket/add/?sku=ABC123",
  user_schedule_upgrade_deadline_time: "Aug. 8, 2026",
} as const;

/** A nudge context for `count` courses. */
export function nudgeContext(count: number, upsell: boolean): NudgeContext {
  return {
    kind: "nudge",
    course_ids: courseIds(count),
    course_name: "Demonstration Course",
    course_url: "/courses/course-v1:edX+DemoX+Demo_Course/course/",
    ...(upsell ? UPSELL : { show_upsell: false }),
  };
}

/** An upgrade-reminder context for `count` courses. */
export function upgradeContext(count: number): UpgradeReminderContext {
  const ids = courseIds(count);
  return {
    kind: "upgrade",
    course_ids: ids,
    course_links: ids.map((id, i) => ({
      url: `/courses/${id}/course/`,
      name: i === 0 ? "Demonstration Course" : `Example Course ${i + 1}`,
    })),
    first_course_name: "Demonstration Course",
    cert_image:
      "https://courses.example.com/static/images/edx-verified-mini-cert.png",
    ...UPSELL,
  };
}

/** A highlights context for `count` course ids (in practice always one). */
export function updateContext(
  count: number,
  upsell: boolean,
  unsubscribe: boolean,
): CourseUpdateContext {
  return {
    kind: "update",
    course_ids: courseIds(count),
    course_name: "Demonstration Course",
    course_url: "/courses/course-v1:edX+DemoX+Demo_Course/course/",
    week_num: 3,
    week_highlights: [
      "Variables and types",
      "Control flow: if, for and while",
      "Writing your first function",
    ],
    unsubscribe_url: unsubscribe
      ? "/bulk_email/email/optout/abc123token"
      : null,
    ...(upsell ? UPSELL : { show_upsell: false }),
  };
}

/** The context a message name needs, for `count` courses, with or without upsell. */
export function contextFor(
  name: string,
  count: number,
  upsell: boolean,
): MessageContext {
  if (name === "upgradereminder") return upgradeContext(count);
  if (name.endsWith("courseupdate")) return updateContext(count, upsell, true);
  return nudgeContext(count, upsell);
}

/** Options of `emailInput`. */
export interface InputOptions {
  language?: string;
  channel?: ChannelTemplateHooks;
  base?: BaseContext;
}

/** A complete EmailInput for a message name and context. */
export function emailInput(
  name: string,
  context: MessageContext,
  options: InputOptions = {},
): EmailInput {
  return {
    message: {
      appLabel: "schedules",
      name,
      uuid: UUID,
      sendUuid: SEND_UUID,
      userId: 42,
      siteDomain: SITE,
      language: options.language ?? "en",
    },
    base: options.base ?? baseContext(),
    context,
    channel: options.channel ?? NO_HOOKS,
    year: YEAR,
  };
}

/**
 * The two golden variants of a message: "single" (one course, upsell, file channel) and "multi"
 * (three courses, no upsell, Sailthru hooks). Highlight emails are about one course in practice;
 * their multi variant pins the CTA rule (dashboard for several courses).
 */
export function goldenInput(
  name: MessageName,
  variant: "single" | "multi",
): EmailInput {
  const multi = variant === "multi";
  return emailInput(name, contextFor(name, multi ? 3 : 1, !multi), {
    channel: multi ? SAILTHRU_HOOKS : NO_HOOKS,
  });
}
