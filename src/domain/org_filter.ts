/**
 * Which course orgs a site's messages may be about (upstream `filter_by_org`).
 */
import { type Config, type SiteConfig, siteValue } from "../config.ts";

/** The orgs a course_org_filter value names (a string or a list; anything else names none). */
export function orgsOf(value: unknown): string[] {
  if (typeof value === "string") return value === "" ? [] : [value];
  if (Array.isArray(value)) {
    return value.filter((v): v is string => typeof v === "string" && v !== "");
  }
  return [];
}

/**
 * A predicate over course orgs for one site: no site configuration → every org; a non-empty
 * filter → only those orgs; an empty filter → every org not claimed by an enabled site
 * configuration (the "default" site gets what no branded site owns).
 */
export function orgFilter(
  site: SiteConfig,
  config: Config,
): (org: string) => boolean {
  if (!site.configuration) return () => true;
  const own = orgsOf(siteValue(site, "course_org_filter"));
  if (own.length > 0) {
    const allowed = new Set(own);
    return (org) => allowed.has(org);
  }
  const claimed = new Set(
    config.sites.flatMap((other) =>
      orgsOf(siteValue(other, "course_org_filter"))
    ),
  );
  return (org) => !claimed.has(org);
}
