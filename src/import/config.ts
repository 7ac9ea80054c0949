/**
 * `import config`: a JSON file merged into the current configuration (contract.md "config
 * JSON"): `platform` key by key (its `theme` and `ecommerce` one level deeper), `sites` by
 * domain (schedule_config flag by flag, site `values` key by key, a null value removing the
 * key), deadline rows by org_id / course_id. Only what changed is written, as new rows.
 */
import {
  type Config,
  type DeadlineRow,
  DEFAULT_FLAGS,
  findSite,
  type ScheduleFlags,
} from "../config.ts";
import type { Millis } from "../domain/types.ts";
import { DataError } from "../errors.ts";
import { loadConfig } from "../store/config_store.ts";
import { ConfigWriter } from "../store/config_writer.ts";
import { type Store, transaction } from "../store/db.ts";
import {
  type ConfigPatch,
  type DeadlinePatch,
  type SitePatch,
  validateConfig,
} from "./config_schema.ts";
import { decodeUtf8 } from "./csv.ts";
import { MAX_LISTED_ROWS } from "./session.ts";
import type { ImportOptions, ImportResult } from "./session.ts";

/** The largest config file read (characters). */
const MAX_CONFIG_LENGTH = 16 << 20;

const FLAG_NAMES = Object.keys(DEFAULT_FLAGS) as (keyof ScheduleFlags)[];

/** Reads, validates and merges a config JSON stream in one transaction. */
export async function importConfigStream(
  db: Store,
  stream: ReadableStream<Uint8Array>,
  options: ImportOptions,
): Promise<ImportResult> {
  let text = "";
  for await (const chunk of decodeUtf8(stream, options.file)) {
    text += chunk;
    if (text.length > MAX_CONFIG_LENGTH) {
      throw new DataError(
        `Cannot import "${options.file}": larger than ${MAX_CONFIG_LENGTH} characters`,
      );
    }
  }
  if (text.trim() === "") {
    throw new DataError(`Cannot import "${options.file}": the file is empty`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(
      `Cannot import "${options.file}": invalid JSON (${reason})`,
    );
  }
  return importConfigValue(db, value, options);
}

/** Validates and merges an already parsed config value (the demo and tests use this). */
export function importConfigValue(
  db: Store,
  value: unknown,
  options: ImportOptions,
): ImportResult {
  const checked = validateConfig(value);
  if (!("patch" in checked)) throw configError(options.file, checked.problems);
  const patch = checked.patch;
  let written = 0;
  try {
    transaction(db, () => {
      written = applyConfigPatch(db, patch, options.now);
      if (options.dryRun) throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  return {
    kind: "config",
    file: options.file,
    dry_run: options.dryRun ?? false,
    inserted: written,
    updated: 0,
    unchanged: 0,
    schedules_created: 0,
    schedules_updated: 0,
    users_created: 0,
    warnings: [],
  };
}

class RollBack {}

function configError(file: string, problems: string[]): DataError {
  const [first = ""] = problems;
  const listed = problems.slice(0, MAX_LISTED_ROWS);
  const rest = problems.length - listed.length;
  if (rest > 0) listed.push(`… and ${rest} more problems`);
  return new DataError(
    problems.length === 1
      ? `Cannot import "${file}": ${first}`
      : `Cannot import "${file}": ${problems.length} problems, nothing imported`,
    listed,
  );
}

/**
 * Merges a validated patch into the stored configuration; returns the number of rows written
 * (0 when nothing changed).
 */
export function applyConfigPatch(
  db: Store,
  patch: ConfigPatch,
  now: Millis,
): number {
  const current = loadConfig(db);
  const writer = new ConfigWriter(db, now);
  mergePlatformSettings(writer, patch);
  for (const site of patch.sites ?? []) mergeSite(writer, current, site);
  const deadlines = patch.dynamic_upgrade_deadline;
  if (deadlines?.global) {
    const before = current.dynamic_upgrade_deadline.global;
    const next = { ...before, ...deadlines.global };
    if (
      next.enabled !== before.enabled ||
      next.deadline_days !== before.deadline_days
    ) {
      writer.writeGlobalDeadline(next);
    }
  }
  for (const row of deadlines?.orgs ?? []) {
    mergeDeadline(writer, current, "orgs", row.org_id, row);
  }
  for (const row of deadlines?.courses ?? []) {
    mergeDeadline(writer, current, "courses", row.course_id, row);
  }
  return writer.rowsWritten;
}

function mergePlatformSettings(writer: ConfigWriter, patch: ConfigPatch): void {
  const stored = writer.storedPlatformSettings();
  const next: Record<string, unknown> = { ...stored };
  if (patch.platform) {
    const platform = { ...asObject(stored.platform) };
    for (const [key, value] of Object.entries(patch.platform)) {
      platform[key] = key === "theme" || key === "ecommerce"
        ? { ...asObject(platform[key]), ...asObject(value) }
        : value;
    }
    next.platform = platform;
  }
  for (const key of ["sailthru", "segment"] as const) {
    if (patch[key]) next[key] = { ...asObject(stored[key]), ...patch[key] };
  }
  if (JSON.stringify(next) !== JSON.stringify(stored)) {
    writer.writePlatformSettings(next);
  }
}

function mergeSite(writer: ConfigWriter, current: Config, site: SitePatch) {
  const existing = findSite(current, site.domain);
  const id = writer.siteId(existing?.domain ?? site.domain);
  if (site.configuration) {
    const before = existing?.configuration ?? null;
    const values = { ...before?.values };
    for (
      const [key, value] of Object.entries(site.configuration.values ?? {})
    ) {
      if (value === null) delete values[key];
      else values[key] = value;
    }
    const enabled = site.configuration.enabled ?? before?.enabled ?? true;
    if (
      !before || before.enabled !== enabled ||
      JSON.stringify(before.values) !== JSON.stringify(values)
    ) {
      writer.writeSiteConfiguration(id, { enabled, values });
    }
  }
  if (site.schedule_config) {
    const before = existing?.schedule_config ?? DEFAULT_FLAGS;
    const flags = { ...before, ...site.schedule_config };
    if (FLAG_NAMES.some((name) => flags[name] !== before[name])) {
      writer.writeScheduleConfig(id, flags);
    }
  }
}

function mergeDeadline(
  writer: ConfigWriter,
  current: Config,
  table: "orgs" | "courses",
  key: string,
  patch: Partial<DeadlineRow> | DeadlinePatch<string>,
): void {
  const rows = current.dynamic_upgrade_deadline[table];
  const before = Object.hasOwn(rows, key) ? rows[key] : undefined;
  const next: DeadlineRow = {
    enabled: patch.enabled ?? before?.enabled ?? false,
    deadline_days: patch.deadline_days ?? before?.deadline_days ?? 21,
    opt_out: patch.opt_out ?? before?.opt_out ?? false,
  };
  // A row that does not exist yet is written even with default values: it then shows in exports.
  if (
    !before || before.enabled !== next.enabled ||
    before.deadline_days !== next.deadline_days ||
    before.opt_out !== next.opt_out
  ) {
    writer.writeDeadlineRow(table, key, next);
  }
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : {};
}
