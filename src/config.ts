/**
 * The configuration (contract.md "config JSON"): types, upstream defaults, and the per-site view
 * that templates and resolvers read. Secrets are never part of it (they come from env.ts).
 */

/** A theme: colours, fonts, header/footer (issue #11). */
export interface Theme {
  primary_color: string;
  accent_color: string;
  button_style: "filled" | "outline";
  font_family: string;
  header_links: { label: string; url: string }[];
  footer_lines: string[];
  show_social: boolean;
  show_app_badges: boolean;
}

/** Platform-wide settings (upstream Django settings). */
export interface PlatformConfig {
  platform_name: string;
  lms_root_url: string;
  learning_mfe_url: string;
  default_from_email: string;
  contact_email: string;
  contact_mailing_address: string;
  logo_url: string;
  marketing_urls: Record<string, string>;
  social_media_footer_urls: Record<string, string>;
  social_media_logo_urls: Record<string, string>;
  mobile_store_urls: Record<string, string>;
  mobile_store_logo_urls: Record<string, string>;
  google_analytics_tracking_id: string;
  google_analytics_user_id_custom_dimension: number | null;
  ecommerce: { enabled: boolean; public_url_root: string; basket_path: string };
  course_update_show_unsubscribe: boolean;
  verification_window_days: number;
  default_language: string;
  template_revision: string;
  self_paced_banner_url: string;
  self_paced_cloud_url: string;
  theme: Theme;
}

/** The six per-site switches (upstream ScheduleConfig); all default false. */
export interface ScheduleFlags {
  enqueue_recurring_nudge: boolean;
  deliver_recurring_nudge: boolean;
  enqueue_upgrade_reminder: boolean;
  deliver_upgrade_reminder: boolean;
  enqueue_course_update: boolean;
  deliver_course_update: boolean;
}

/** Names of the schedule_config flags. */
export type ScheduleFlag = keyof ScheduleFlags;

/** A site's configuration row (upstream SiteConfiguration). */
export interface SiteConfiguration {
  enabled: boolean;
  values: Record<string, unknown>;
}

/** One site. `configuration` is null when the site has no site configuration at all. */
export interface SiteConfig {
  domain: string;
  configuration: SiteConfiguration | null;
  schedule_config: ScheduleFlags;
}

/** A dynamic upgrade deadline row for an org or a course. */
export interface DeadlineRow {
  enabled: boolean;
  deadline_days: number;
  opt_out: boolean;
}

/** The three dynamic-upgrade-deadline models (latest row of each wins). */
export interface DeadlineConfig {
  global: { enabled: boolean; deadline_days: number };
  orgs: Record<string, DeadlineRow>;
  courses: Record<string, DeadlineRow>;
}

/** The whole configuration. */
export interface Config {
  platform: PlatformConfig;
  sites: SiteConfig[];
  dynamic_upgrade_deadline: DeadlineConfig;
  sailthru: { template_name: string; api_url: string };
  segment: { api_url: string };
}

/** Upstream's defaults: every flag false, global deadline disabled with 21 days. */
export const DEFAULT_THEME = {
  primary_color: "#005686",
  accent_color: "#008100",
  button_style: "filled",
  font_family: "Helvetica, Arial, sans-serif",
  header_links: [{ label: "My Account", url: "/dashboard" }],
  footer_lines: [],
  show_social: true,
  show_app_badges: true,
} as const satisfies Theme;

/** Defaults of the platform settings. */
export const DEFAULT_PLATFORM = {
  platform_name: "Your Platform Name Here",
  lms_root_url: "",
  learning_mfe_url: "",
  default_from_email: "",
  contact_email: "",
  contact_mailing_address: "",
  logo_url: "",
  marketing_urls: {},
  social_media_footer_urls: {},
  social_media_logo_urls: {},
  mobile_store_urls: {},
  mobile_store_logo_urls: {},
  google_analytics_tracking_id: "",
  google_analytics_user_id_custom_dimension: null,
  ecommerce: {
    enabled: false,
    public_url_root: "",
    basket_path: "/basket/add/",
  },
  course_update_show_unsubscribe: false,
  verification_window_days: 10,
  default_language: "en",
  template_revision: "",
  self_paced_banner_url: "",
  self_paced_cloud_url: "",
  theme: DEFAULT_THEME,
} as const satisfies PlatformConfig;

/** All schedule_config flags off. */
export const DEFAULT_FLAGS = {
  enqueue_recurring_nudge: false,
  deliver_recurring_nudge: false,
  enqueue_upgrade_reminder: false,
  deliver_upgrade_reminder: false,
  enqueue_course_update: false,
  deliver_course_update: false,
} as const satisfies ScheduleFlags;

/** Default deadline configuration: global disabled with 21 days, no org or course rows. */
export const DEFAULT_DEADLINES = {
  global: { enabled: false, deadline_days: 21 },
  orgs: {},
  courses: {},
} as const satisfies DeadlineConfig;

/** The configuration of an empty database. */
export function defaultConfig(): Config {
  return structuredClone({
    platform: DEFAULT_PLATFORM,
    sites: [],
    dynamic_upgrade_deadline: DEFAULT_DEADLINES,
    sailthru: {
      template_name: "Automated Communication Engine Email",
      api_url: "https://api.sailthru.com",
    },
    segment: { api_url: "https://api.segment.io" },
  }) as Config;
}

/**
 * Reads a site configuration value as upstream's `get_value` does: nothing when the site has no
 * configuration or its configuration is disabled.
 */
export function siteValue(site: SiteConfig, key: string): unknown {
  const conf = site.configuration;
  if (!conf || !conf.enabled) return undefined;
  return conf.values[key];
}

/** A site value when it is a non-empty string, else the platform fallback. */
export function siteString(
  site: SiteConfig,
  key: string,
  fallback: string,
): string {
  const value = siteValue(site, key);
  return typeof value === "string" && value !== "" ? value : fallback;
}

/** Finds a site by domain, case-insensitively. */
export function findSite(
  config: Config,
  domain: string,
): SiteConfig | undefined {
  const wanted = domain.toLowerCase();
  return config.sites.find((site) => site.domain.toLowerCase() === wanted);
}
