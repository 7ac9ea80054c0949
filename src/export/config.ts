/**
 * `export config`: the current configuration in the shape `import config` reads
 * (contract.md "config JSON"), so the two round-trip.
 */
import type { Config, DeadlineRow } from "../config.ts";
import { loadConfig } from "../store/config_store.ts";
import type { Store } from "../store/db.ts";

/** The config file value of a configuration: sites without configuration omit the key. */
export function configDocument(config: Config): Record<string, unknown> {
  const deadlines = config.dynamic_upgrade_deadline;
  return {
    platform: config.platform,
    sites: config.sites.map((site) => ({
      domain: site.domain,
      ...(site.configuration ? { configuration: site.configuration } : {}),
      schedule_config: site.schedule_config,
    })),
    dynamic_upgrade_deadline: {
      global: deadlines.global,
      orgs: deadlineList("org_id", deadlines.orgs),
      courses: deadlineList("course_id", deadlines.courses),
    },
    sailthru: config.sailthru,
    segment: config.segment,
  };
}

function deadlineList(
  key: string,
  rows: Record<string, DeadlineRow>,
): Record<string, unknown>[] {
  return Object.keys(rows).sort().map((name) => ({
    [key]: name,
    ...rows[name],
  }));
}

/** The lines of `export config` (pretty-printed JSON). */
export function exportConfigLines(db: Store): string[] {
  return JSON.stringify(configDocument(loadConfig(db)), null, 2).split("\n");
}
