/**
 * What a template gets and what it gives back. Message contexts keep upstream's context keys
 * (snake_case) so the ledger's stored context and golden files read like upstream's.
 */
import type { Theme } from "../config.ts";

/** The message being rendered (upstream edx-ace `Message` fields the templates read). */
export interface MessageMeta {
  /** Always "schedules". */
  appLabel: string;
  /** Message name, e.g. `recurringnudge_day3`. */
  name: string;
  uuid: string;
  sendUuid: string;
  /** The learner's user id (the pixel's `uid`), also for test sends. */
  userId: number;
  /** Domain of the site being processed: absolute links and the pixel's `dh`. */
  siteDomain: string;
  /** Rendering language (BCP 47 as stored on the course, e.g. "en", "es", "pt-br", "ar"). */
  language: string;
}

/** upstream `get_base_template_context(site)` plus the GA settings, resolved for one site. */
export interface BaseContext {
  platform_name: string;
  contact_email: string;
  contact_mailing_address: string;
  homepage_url: string;
  dashboard_url: string;
  logo_url: string;
  template_revision: string;
  social_media_urls: Record<string, string>;
  social_media_logo_urls: Record<string, string>;
  mobile_store_urls: Record<string, string>;
  mobile_store_logo_urls: Record<string, string>;
  /** GOOGLE_ANALYTICS_ACCOUNT of the site, else the platform tracking id; "" = no pixel. */
  google_analytics_tracking_id: string;
  google_analytics_user_id_custom_dimension: number | null;
  theme: Theme;
}

/** Upsell keys (behaviour.md §3 step 5). */
export interface UpsellContext {
  show_upsell: boolean;
  upsell_link?: string;
  /** The dynamic deadline, already formatted in the message language. */
  user_schedule_upgrade_deadline_time?: string;
}

/** recurringnudge_day3 / recurringnudge_day10 (and _dayN with --weeks). */
export interface NudgeContext extends UpsellContext {
  kind: "nudge";
  course_ids: string[];
  course_name: string;
  course_url: string;
}

/** upgradereminder. */
export interface UpgradeReminderContext extends UpsellContext {
  kind: "upgrade";
  course_ids: string[];
  course_links: { url: string; name: string }[];
  first_course_name: string;
  cert_image: string;
}

/** instructorledcourseupdate (weekly) and courseupdate (next section). */
export interface CourseUpdateContext extends UpsellContext {
  kind: "update";
  course_ids: string[];
  course_name: string;
  course_url: string;
  week_num: number;
  week_highlights: string[];
  unsubscribe_url: string | null;
}

/** Any message context. */
export type MessageContext =
  | NudgeContext
  | UpgradeReminderContext
  | CourseUpdateContext;

/** What the delivery channel adds to the layout (only Sailthru adds something). */
export interface ChannelTemplateHooks {
  /** Open-tracking image sources, e.g. Sailthru's literal `{beacon_src}`. */
  trackerImageSources: string[];
  /** Footer action links, e.g. `{view_url}` "View on Web". */
  actionLinks: { url: string; label: string }[];
}

/** Everything a template needs. */
export interface EmailInput {
  message: MessageMeta;
  base: BaseContext;
  context: MessageContext;
  channel: ChannelTemplateHooks;
  /** Current year for the copyright line (derived from the run date, never the clock). */
  year: number;
}

/** The five rendered fields (edx-ace `RenderedEmail`; the text part is `body`). */
export interface RenderedEmail {
  from_name: string;
  subject: string;
  head_html: string;
  body_html: string;
  body: string;
}
