/**
 * The per-site rendering context (upstream `get_base_template_context(site)`) and the sender
 * address: site configuration values first, then the platform settings.
 */
import {
  type Config,
  type SiteConfig,
  siteString,
  siteValue,
  type Theme,
} from "../config.ts";
import type { BaseContext } from "../render/types.ts";

function stringMap(
  value: unknown,
  fallback: Record<string, string>,
): Record<string, string> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return fallback;
  }
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] =>
      typeof entry[1] === "string"
    ),
  );
}

/** The base template context for one site. */
export function baseContext(config: Config, site: SiteConfig): BaseContext {
  const p = config.platform;
  const siteTheme = siteValue(site, "theme");
  const theme: Theme = {
    ...p.theme,
    ...(siteTheme && typeof siteTheme === "object"
      ? siteTheme as Partial<Theme>
      : {}),
  };
  return {
    platform_name: siteString(site, "platform_name", p.platform_name),
    contact_email: siteString(site, "contact_email", p.contact_email),
    contact_mailing_address: siteString(
      site,
      "contact_mailing_address",
      p.contact_mailing_address,
    ),
    homepage_url: p.marketing_urls.ROOT ?? "/",
    dashboard_url: "/dashboard",
    logo_url: siteString(site, "logo_url", p.logo_url),
    template_revision: p.template_revision,
    social_media_urls: stringMap(
      siteValue(site, "SOCIAL_MEDIA_FOOTER_ACE_URLS"),
      p.social_media_footer_urls,
    ),
    social_media_logo_urls: p.social_media_logo_urls,
    mobile_store_urls: stringMap(
      siteValue(site, "MOBILE_STORE_ACE_URLS"),
      p.mobile_store_urls,
    ),
    mobile_store_logo_urls: p.mobile_store_logo_urls,
    google_analytics_tracking_id: siteString(
      site,
      "GOOGLE_ANALYTICS_ACCOUNT",
      p.google_analytics_tracking_id,
    ),
    google_analytics_user_id_custom_dimension:
      p.google_analytics_user_id_custom_dimension,
    theme,
  };
}

/** The sender: the site's email_from_address, else the platform default_from_email ("" = none). */
export function fromAddress(config: Config, site: SiteConfig): string {
  return siteString(
    site,
    "email_from_address",
    config.platform.default_from_email,
  );
}
