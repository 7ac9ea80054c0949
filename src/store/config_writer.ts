/**
 * Writing configuration rows. Every change is a new row with `change_date = now` (the newest
 * row wins, as upstream's config models); nothing is updated in place.
 */
import type { StatementSync } from "node:sqlite";
import type {
  DeadlineRow,
  ScheduleFlags,
  SiteConfiguration,
} from "../config.ts";
import { DEFAULT_FLAGS } from "../config.ts";
import type { Millis } from "../domain/types.ts";
import type { Store } from "./db.ts";

const FLAG_NAMES = Object.keys(DEFAULT_FLAGS) as (keyof ScheduleFlags)[];

/** Appends configuration rows on one connection, all with the same change date. */
export class ConfigWriter {
  readonly #db: Store;
  readonly #now: Millis;
  #written = 0;
  readonly #statements = new Map<string, StatementSync>();

  /** A writer whose rows carry `change_date = now`. */
  constructor(db: Store, now: Millis) {
    this.#db = db;
    this.#now = now;
  }

  /** Rows written so far. */
  get rowsWritten(): number {
    return this.#written;
  }

  /** The newest platform_settings JSON as stored (only the keys ever set), or {}. */
  storedPlatformSettings(): Record<string, unknown> {
    const row = this.#stmt(
      "SELECT values_json FROM platform_settings ORDER BY change_date DESC, id DESC LIMIT 1",
    ).get() as { values_json: string } | undefined;
    return row ? JSON.parse(row.values_json) as Record<string, unknown> : {};
  }

  /** Writes a new platform_settings row ({platform, sailthru, segment}). */
  writePlatformSettings(values: Record<string, unknown>): void {
    this.#run(
      "INSERT INTO platform_settings (change_date, values_json) VALUES (?, ?)",
      this.#now,
      JSON.stringify(values),
    );
  }

  /** The id of a site (case-insensitive domain), creating the site when it is new. */
  siteId(domain: string): number {
    const found = this.#stmt("SELECT id FROM sites WHERE domain = ?").get(
      domain,
    ) as { id: number } | undefined;
    if (found) return found.id;
    const row = this.#stmt("INSERT INTO sites (domain) VALUES (?) RETURNING id")
      .get(domain) as { id: number };
    this.#written++;
    return row.id;
  }

  /** Writes a new site configuration row. */
  writeSiteConfiguration(siteId: number, conf: SiteConfiguration): void {
    this.#run(
      "INSERT INTO site_configurations (site_id, change_date, enabled, values_json) VALUES (?, ?, ?, ?)",
      siteId,
      this.#now,
      conf.enabled ? 1 : 0,
      JSON.stringify(conf.values),
    );
  }

  /** Writes a new schedule_config row. */
  writeScheduleConfig(siteId: number, flags: ScheduleFlags): void {
    this.#run(
      `INSERT INTO schedule_configs (site_id, change_date, ${
        FLAG_NAMES.join(", ")
      })
       VALUES (?, ?, ${FLAG_NAMES.map(() => "?").join(", ")})`,
      siteId,
      this.#now,
      ...FLAG_NAMES.map((name) => flags[name] ? 1 : 0),
    );
  }

  /** Writes a new global dynamic-deadline row. */
  writeGlobalDeadline(row: { enabled: boolean; deadline_days: number }): void {
    this.#run(
      "INSERT INTO dynamic_deadline_global (change_date, enabled, deadline_days) VALUES (?, ?, ?)",
      this.#now,
      row.enabled ? 1 : 0,
      row.deadline_days,
    );
  }

  /** Writes a new org or course dynamic-deadline row. */
  writeDeadlineRow(
    table: "orgs" | "courses",
    key: string,
    row: DeadlineRow,
  ): void {
    const column = table === "orgs" ? "org_id" : "course_id";
    this.#run(
      `INSERT INTO dynamic_deadline_${table} (${column}, change_date, enabled, deadline_days, opt_out)
       VALUES (?, ?, ?, ?, ?)`,
      key,
      this.#now,
      row.enabled ? 1 : 0,
      row.deadline_days,
      row.opt_out ? 1 : 0,
    );
  }

  #stmt(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #run(sql: string, ...params: (number | string | null)[]): void {
    this.#stmt(sql).run(...params);
    this.#written++;
  }
}
