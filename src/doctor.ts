/**
 * Configuration checks for `schedules doctor`: the mistakes a new operator makes, each as one
 * warning with what to fix. Pure over the configuration, the catalog and the environment.
 */
import { type Config, DEFAULT_PLATFORM, siteValue } from "./config.ts";
import { orgsOf } from "./domain/org_filter.ts";
import type { Catalog } from "./store/selection.ts";

/** What the checks read besides configuration and catalog. */
export interface DoctorInput {
  config: Config;
  catalog: Catalog;
  /** Only this site, or every site. */
  site: string | null;
  /** The channel the operator means to use. */
  channel: "file" | "sailthru" | "smtp";
  /** Which secrets are set (names only; values never reach this module). */
  secrets: { sailthru: boolean; smtp: boolean };
}

/** Every problem found, one sentence each. */
export function diagnose(input: DoctorInput): string[] {
  const { config } = input;
  const warnings: string[] = [];
  const sites = config.sites.filter((s) =>
    input.site === null || s.domain.toLowerCase() === input.site.toLowerCase()
  );
  if (config.sites.length === 0) {
    warnings.push(
      'no site is configured: add one under "sites" in the config JSON and import it',
    );
  }
  for (const site of sites) {
    const flags = Object.entries(site.schedule_config);
    if (flags.every(([, on]) => !on)) {
      warnings.push(
        `site ${site.domain}: every schedule_config flag is off, so nothing is ever sent`,
      );
    }
    for (
      const kind of [
        "recurring_nudge",
        "upgrade_reminder",
        "course_update",
      ] as const
    ) {
      const enqueue = site.schedule_config[`enqueue_${kind}`];
      const deliver = site.schedule_config[`deliver_${kind}`];
      if (enqueue && !deliver) {
        warnings.push(
          `site ${site.domain}: enqueue_${kind} is on but deliver_${kind} is off: messages are only recorded as skipped`,
        );
      }
    }
    const from = siteValue(site, "email_from_address") ??
      config.platform.default_from_email;
    if (input.channel === "smtp" && !from) {
      warnings.push(
        `site ${site.domain}: no email_from_address and no platform default_from_email: the smtp channel cannot send`,
      );
    }
  }
  if (!config.dynamic_upgrade_deadline.global.enabled) {
    warnings.push(
      "the global dynamic upgrade deadline is disabled: no email will offer an upgrade and no upgrade reminder is sent",
    );
  }
  if (config.platform.platform_name === DEFAULT_PLATFORM.platform_name) {
    warnings.push(
      'platform.platform_name is not set: emails say "Your Platform Name Here"',
    );
  }
  if (!config.platform.contact_mailing_address) {
    warnings.push(
      "platform.contact_mailing_address is empty: commercial email needs a postal address in its footer",
    );
  }
  if (!config.platform.learning_mfe_url) {
    warnings.push(
      "platform.learning_mfe_url is empty: course links will be relative to each site",
    );
  }
  warnings.push(...overlappingOrgs(config), ...catalogProblems(input.catalog));
  if (input.channel === "sailthru" && !input.secrets.sailthru) {
    warnings.push(
      "the sailthru channel needs SAILTHRU_API_KEY and SAILTHRU_API_SECRET in the environment",
    );
  }
  if (input.channel === "smtp" && !input.secrets.smtp) {
    warnings.push(
      "the smtp channel needs SMTP_URL in the environment (smtp://user:pass@host:587)",
    );
  }
  return warnings;
}

function overlappingOrgs(config: Config): string[] {
  const owners = new Map<string, string[]>();
  for (const site of config.sites) {
    for (const org of orgsOf(siteValue(site, "course_org_filter"))) {
      owners.set(org, [...(owners.get(org) ?? []), site.domain]);
    }
  }
  return [...owners].filter(([, sites]) => sites.length > 1).map((
    [org, sites],
  ) =>
    `org ${org} is claimed by several sites (${
      sites.join(", ")
    }): its learners get each email once per site`
  );
}

function catalogProblems(catalog: Catalog): string[] {
  const warnings: string[] = [];
  for (const course of catalog.courses.values()) {
    if (course.start === null) {
      warnings.push(
        `course ${course.id} has no start date: its enrollments get no schedule`,
      );
    }
    const modes = catalog.modes.get(course.id) ?? [];
    if (
      course.selfPaced &&
      !modes.some((m) =>
        m.modeSlug === "verified" || m.modeSlug === "professional"
      )
    ) {
      warnings.push(
        `course ${course.id} is self-paced but has no verified mode: it never gets an upgrade reminder`,
      );
    }
    const sections = catalog.sections.get(course.id) ?? [];
    if (
      course.highlightsEnabled && !sections.some((s) => s.highlights.length > 0)
    ) {
      warnings.push(
        `course ${course.id} has highlight emails enabled but no section highlights: import its outline`,
      );
    }
  }
  return warnings;
}
