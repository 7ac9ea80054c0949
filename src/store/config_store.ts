/**
 * Reading the configuration tables. Every table keeps one row per change; the newest row
 * (latest change_date, then highest id) wins, as upstream's config models do.
 */
import {
  type Config,
  type DeadlineRow,
  DEFAULT_FLAGS,
  defaultConfig,
  type ScheduleFlags,
  type SiteConfig,
} from "../config.ts";
import { statement, type Store } from "./db.ts";

const FLAG_NAMES = Object.keys(DEFAULT_FLAGS) as (keyof ScheduleFlags)[];

/** The current configuration: defaults overlaid with the newest stored rows. */
export function loadConfig(db: Store): Config {
  const config = defaultConfig();
  const settings = db.prepare(
    "SELECT values_json FROM platform_settings ORDER BY change_date DESC, id DESC LIMIT 1",
  ).get() as { values_json: string } | undefined;
  if (settings) {
    const stored = JSON.parse(settings.values_json) as Partial<Config>;
    if (stored.platform) {
      config.platform = {
        ...config.platform,
        ...stored.platform,
        theme: { ...config.platform.theme, ...stored.platform.theme },
        ecommerce: {
          ...config.platform.ecommerce,
          ...stored.platform.ecommerce,
        },
      };
    }
    if (stored.sailthru) {
      config.sailthru = { ...config.sailthru, ...stored.sailthru };
    }
    if (stored.segment) {
      config.segment = { ...config.segment, ...stored.segment };
    }
  }
  config.sites = loadSites(db);
  const global = db.prepare(
    "SELECT enabled, deadline_days FROM dynamic_deadline_global ORDER BY change_date DESC, id DESC LIMIT 1",
  ).get() as { enabled: number; deadline_days: number } | undefined;
  if (global) {
    config.dynamic_upgrade_deadline.global = {
      enabled: global.enabled === 1,
      deadline_days: global.deadline_days,
    };
  }
  config.dynamic_upgrade_deadline.orgs = latestDeadlineRows(
    db,
    "dynamic_deadline_orgs",
    "org_id",
  );
  config.dynamic_upgrade_deadline.courses = latestDeadlineRows(
    db,
    "dynamic_deadline_courses",
    "course_id",
  );
  return config;
}

function loadSites(db: Store): SiteConfig[] {
  const sites = db.prepare("SELECT id, domain FROM sites ORDER BY id")
    .all() as {
      id: number;
      domain: string;
    }[];
  const confStmt = db.prepare(
    "SELECT enabled, values_json FROM site_configurations WHERE site_id = ? ORDER BY change_date DESC, id DESC LIMIT 1",
  );
  const flagStmt = db.prepare(
    `SELECT ${
      FLAG_NAMES.join(", ")
    } FROM schedule_configs WHERE site_id = ? ORDER BY change_date DESC, id DESC LIMIT 1`,
  );
  return sites.map((site) => {
    const conf = confStmt.get(site.id) as {
      enabled: number;
      values_json: string;
    } | undefined;
    const flags = flagStmt.get(site.id) as Record<string, number> | undefined;
    const scheduleConfig = { ...DEFAULT_FLAGS } as ScheduleFlags;
    if (flags) {
      for (const name of FLAG_NAMES) scheduleConfig[name] = flags[name] === 1;
    }
    return {
      domain: site.domain,
      configuration: conf
        ? { enabled: conf.enabled === 1, values: JSON.parse(conf.values_json) }
        : null,
      schedule_config: scheduleConfig,
    };
  });
}

function latestDeadlineRows(
  db: Store,
  table: "dynamic_deadline_orgs" | "dynamic_deadline_courses",
  key: "org_id" | "course_id",
): Record<string, DeadlineRow> {
  const rows = db.prepare(
    `SELECT ${key} AS k, enabled, deadline_days, opt_out FROM ${table} ORDER BY change_date, id`,
  ).all() as {
    k: string;
    enabled: number;
    deadline_days: number;
    opt_out: number;
  }[];
  const result: Record<string, DeadlineRow> = {};
  for (const row of rows) {
    result[row.k] = {
      enabled: row.enabled === 1,
      deadline_days: row.deadline_days,
      opt_out: row.opt_out === 1,
    };
  }
  return result;
}

/** The newest schedule_config flags of one site, read fresh (checked per message at delivery). */
export function currentFlags(db: Store, domain: string): ScheduleFlags {
  const row = statement(
    db,
    `SELECT ${
      FLAG_NAMES.map((n) => `c.${n}`).join(", ")
    } FROM schedule_configs c
     JOIN sites s ON s.id = c.site_id WHERE s.domain = ? ORDER BY c.change_date DESC, c.id DESC LIMIT 1`,
  ).get(domain) as Record<string, number> | undefined;
  const flags = { ...DEFAULT_FLAGS } as ScheduleFlags;
  if (row) { for (const name of FLAG_NAMES) flags[name] = row[name] === 1; }
  return flags;
}
