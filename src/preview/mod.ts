/**
 * `schedules preview`: finds the day a message is due for one learner (or the built-in sample)
 * by running the real resolvers on that learner's schedules, exactly as `send` would on that
 * day, and builds the render input. Nothing here writes: a preview never touches the ledger.
 */
import type { Config, SiteConfig } from "../config.ts";
import { dayWindow, startOfDay, utcDate } from "../domain/dates.ts";
import { orgFilter } from "../domain/org_filter.ts";
import { DAY_MS } from "../domain/types.ts";
import { NO_HOOKS } from "../channels/channel.ts";
import { baseContext } from "../messages/base_context.ts";
import {
  type Candidate,
  MAX_LOOKBACK_DAYS,
  SEND_TYPES,
  type SendType,
} from "../messages/mod.ts";
import { planMessage } from "../plan.ts";
import type { EmailInput } from "../render/types.ts";
import type { Store } from "../store/db.ts";
import type { Catalog, ScheduleRow } from "../store/selection.ts";
import { sampleCourseId, sampleRow } from "./sample.ts";

export * from "./sample.ts";

/** The message names `preview` renders, in `send all` order. */
export const PREVIEW_NAMES = [
  "recurringnudge_day3",
  "recurringnudge_day10",
  "upgradereminder",
  "instructorledcourseupdate",
  "courseupdate",
] as const;

/** The fixed uuid of previews: previewing twice gives identical files, easy to diff. */
export const PREVIEW_UUID = "00000000-0000-4000-8000-000000000000";

/** The data a preview is resolved from. */
export interface PreviewWorld {
  config: Config;
  catalog: Catalog;
  /** One learner's schedule rows, in bundle order (schedule start, then course id). */
  rows: readonly ScheduleRow[];
}

/** A message found due: the site, the run date and the resolver's candidate. */
export interface Found {
  site: SiteConfig;
  date: Temporal.PlainDate;
  type: SendType;
  candidate: Candidate;
}

/** A search result: the message, or why the rules produce none. */
export type Search = { ok: true; found: Found } | {
  ok: false;
  reasons: string[];
};

/** The type and default offsets that produce a message name, or undefined. */
export function typeOfName(
  name: string,
): { type: SendType; offsets: number[] } | undefined {
  for (const type of SEND_TYPES) {
    const offsets = type.defaultOffsets.filter((o) => type.nameFor(o) === name);
    if (offsets.length > 0) return { type, offsets };
  }
  return undefined;
}

/** The site whose org filter takes the first row's course, else the first site. */
export function siteFor(world: PreviewWorld): SiteConfig | undefined {
  const first = world.rows[0];
  const org = first && world.catalog.courses.get(first.courseId)?.org;
  const own = org === undefined
    ? undefined
    : world.config.sites.find((site) => orgFilter(site, world.config)(org));
  return own ?? world.config.sites[0];
}

/** A copy of the catalog with every course in `language` (`preview --lang`). */
export function withLanguage(catalog: Catalog, language: string): Catalog {
  const courses = new Map(
    [...catalog.courses].map(([id, course]) => [id, { ...course, language }]),
  );
  return { ...catalog, courses };
}

/** The rows send.ts would select for a type on a target day. */
function rowsInWindow(
  type: SendType,
  rows: readonly ScheduleRow[],
  target: Temporal.PlainDate,
): ScheduleRow[] {
  const window = type.binned ? dayWindow(target) : {
    from: startOfDay(target) - MAX_LOOKBACK_DAYS * DAY_MS,
    to: startOfDay(target),
  };
  return rows.filter((row) => {
    const at = type.dateField === "start_date"
      ? row.startDate
      : row.upgradeDeadline;
    return at !== null && at >= window.from && at < window.to;
  });
}

/** Runs the real resolver for `name` on one date; the candidate, or the rules that failed. */
export function resolveOn(
  world: PreviewWorld,
  site: SiteConfig,
  name: string,
  date: Temporal.PlainDate,
): Search {
  const found = typeOfName(name);
  if (!found) return { ok: false, reasons: [`no message is named ${name}`] };
  const reasons: string[] = [];
  for (const offset of found.offsets) {
    const target = date.add({ days: offset });
    const rows = rowsInWindow(found.type, world.rows, target);
    if (rows.length === 0) continue;
    const { candidates, skips } = found.type.resolve({
      today: date,
      site,
      config: world.config,
      catalog: world.catalog,
      offset,
      rows,
    });
    const candidate = candidates.find((c) => c.name === name);
    if (candidate) {
      return { ok: true, found: { site, date, type: found.type, candidate } };
    }
    reasons.push(...skips.map((skip) => `${skip.courseId}: ${skip.detail}`));
  }
  return { ok: false, reasons: [...new Set(reasons)] };
}

/** Every date on which a schedule of the world falls on one of the message's target days. */
export function candidateDates(
  world: PreviewWorld,
  name: string,
): Temporal.PlainDate[] {
  const found = typeOfName(name);
  if (!found) return [];
  const dates = new Map<string, Temporal.PlainDate>();
  const add = (date: Temporal.PlainDate) => dates.set(date.toString(), date);
  for (const row of world.rows) {
    if (found.type.binned) {
      const at = found.type.dateField === "start_date"
        ? row.startDate
        : row.upgradeDeadline;
      if (at === null) continue;
      for (const offset of found.offsets) {
        add(utcDate(at).add({ days: -offset }));
      }
    } else if (row.startDate !== null) {
      // Next-section emails fall due on days spread over the course: try each day it can be.
      const courseStart = world.catalog.courses.get(row.courseId)?.start ?? 0;
      const first = utcDate(row.startDate).add({ days: 1 });
      const last = utcDate(Math.max(row.startDate, courseStart))
        .add({ days: MAX_LOOKBACK_DAYS + 1 });
      for (
        let day = first;
        Temporal.PlainDate.compare(day, last) <= 0;
        day = day.add({ days: 1 })
      ) add(day);
    }
  }
  return [...dates.values()];
}

/** Upcoming dates first (from `today` on, soonest first), then past ones, latest first. */
export function upcomingFirst(
  dates: readonly Temporal.PlainDate[],
  today: Temporal.PlainDate,
): Temporal.PlainDate[] {
  const sorted = [...dates].sort(Temporal.PlainDate.compare);
  const upcoming = sorted.filter((d) =>
    Temporal.PlainDate.compare(d, today) >= 0
  );
  const past = sorted.filter((d) => Temporal.PlainDate.compare(d, today) < 0);
  return [...upcoming, ...past.reverse()];
}

/**
 * Finds the message for a real learner: on `date` when given, else on the next day it is due
 * (or the latest past one). Without a hit, the reasons say which rules failed.
 */
export function findForLearner(
  world: PreviewWorld,
  name: string,
  date: Temporal.PlainDate | null,
  today: Temporal.PlainDate,
): Search {
  const site = siteFor(world);
  if (!site) return { ok: false, reasons: ["the configuration has no site"] };
  const wrong = experienceMismatch(world, name);
  if (wrong) return { ok: false, reasons: [wrong] };
  const dates = date
    ? [date]
    : upcomingFirst(candidateDates(world, name), today);
  const reasons: string[] = [];
  for (const day of dates) {
    const result = resolveOn(world, site, name, day);
    if (result.ok) return result;
    reasons.push(...result.reasons);
  }
  if (reasons.length === 0) {
    reasons.push(
      date
        ? `no schedule of this learner falls on a target day of ${name} on ${date}`
        : `no schedule of this learner ever falls on a target day of ${name}`,
    );
  }
  return { ok: false, reasons: [...new Set(reasons)].slice(0, 10) };
}

/** Why no schedule can get `name` because of its experience, or null when one can. */
function experienceMismatch(world: PreviewWorld, name: string): string | null {
  const found = typeOfName(name);
  if (!found) return null;
  const wanted = new Set(
    found.offsets.flatMap((o) => found.type.experiencesFor(o)),
  );
  if (world.rows.some((row) => wanted.has(row.experience))) return null;
  const names = ["default", "course_updates"];
  const have = [...new Set(world.rows.map((r) => names[r.experience ?? 0]))];
  return `${name} goes to the ${
    [...wanted].filter((e) => e !== null).map((e) => names[e]).join(" or ")
  } experience; this learner's schedules have the ${
    have.join(" and ")
  } experience`;
}

/**
 * Finds the message for the sample learner in `courseId` (default: the sample course that gets
 * it) on `date`: the sample schedule is moved back a day at a time until the message is due.
 */
export function findForSample(
  world: Omit<PreviewWorld, "rows">,
  site: SiteConfig,
  name: string,
  date: Temporal.PlainDate,
  courseId: string = sampleCourseId(world.catalog, name),
): Search {
  const reasons: string[] = [];
  for (let days = 0; days <= MAX_LOOKBACK_DAYS + 1; days++) {
    const rows = [sampleRow(courseId, name, date, days)];
    const result = resolveOn({ ...world, rows }, site, name, date);
    if (result.ok) return result;
    reasons.push(...result.reasons);
  }
  if (reasons.length === 0) {
    reasons.push(`no schedule start makes ${name} due on ${date}`);
  }
  return { ok: false, reasons: [...new Set(reasons)].slice(0, 10) };
}

/** The render input of a found message (file-channel hooks, the preview uuid). */
export function previewInput(config: Config, found: Found): EmailInput {
  const { candidate, site, date } = found;
  return {
    message: {
      appLabel: "schedules",
      name: candidate.name,
      uuid: PREVIEW_UUID,
      sendUuid: "",
      userId: candidate.userId,
      siteDomain: site.domain,
      language: candidate.language,
    },
    base: baseContext(config, site),
    context: candidate.context,
    channel: NO_HOOKS,
    year: date.year,
  };
}

/**
 * What a real `send` on the preview's date would do with this message (deliver, skip and why,
 * or already sent), from the same per-message checks. Reads the database, writes nothing.
 */
export function sendDecision(db: Store, found: Found): string {
  const decision = planMessage(db, {
    candidate: found.candidate,
    site: found.site.domain,
    deliverFlag: found.type.deliverFlag,
    channel: "file",
    date: found.date.toString(),
    sendUuid: "",
    overrideEmail: null,
    force: false,
    uuid: () => PREVIEW_UUID,
  });
  if (decision.kind === "deliver") return "would deliver it";
  if (decision.kind === "already-sent") {
    return `would find it already sent (ledger row ${decision.row.uuid})`;
  }
  return `would skip it (${decision.row.reason ?? "skipped"})`;
}
