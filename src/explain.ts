/**
 * `send … --dry-run --explain USER_ID`: for one learner and date, every rule each of their
 * schedules passed or failed, in words. It runs the real resolvers and per-message checks on the
 * learner's own schedules, so the explanation cannot drift from what a send does.
 */
import type { Config, SiteConfig } from "./config.ts";
import { startOfDay } from "./domain/dates.ts";
import { DAY_MS, type Millis } from "./domain/types.ts";
import { commonChecks } from "./messages/common.ts";
import {
  MAX_LOOKBACK_DAYS,
  type SendType,
  weeklyOffsets,
} from "./messages/mod.ts";
import { planMessage } from "./plan.ts";
import type { Store } from "./store/db.ts";
import {
  type Catalog,
  type ScheduleRow,
  schedulesOfUser,
} from "./store/selection.ts";

/** What to explain. */
export interface ExplainInput {
  userId: number;
  date: Temporal.PlainDate;
  types: readonly SendType[];
  sites: readonly SiteConfig[];
  config: Config;
  catalog: Catalog;
  weeks: number | null;
}

const mark = (passed: boolean) => (passed ? "✓" : "✗");

function day(at: Millis | null): string {
  return at === null
    ? "none"
    : new Date(at).toISOString().replace(".000Z", "Z");
}

/** The explanation, one line each. */
export function explain(db: Store, input: ExplainInput): string[] {
  const rows = schedulesOfUser(db, input.userId);
  const lines = [`Learner ${input.userId} on ${input.date}:`];
  if (rows.length === 0) {
    return [
      ...lines,
      "  has no schedules (no enrollment, or a course without a start date)",
    ];
  }
  for (const row of rows) {
    lines.push(
      `  schedule in ${row.courseId}: start ${
        day(row.startDate)
      }, upgrade deadline ${day(row.upgradeDeadline)}, experience ${
        row.experience === null
          ? "none (default)"
          : ["default", "course_updates"][row.experience]
      }, mode ${row.mode}`,
    );
  }
  for (const site of input.sites) {
    for (const type of input.types) {
      lines.push(...explainType(db, input, site, type, rows));
    }
  }
  return lines;
}

function explainType(
  db: Store,
  input: ExplainInput,
  site: SiteConfig,
  type: SendType,
  rows: ScheduleRow[],
): string[] {
  const head = `  ${site.domain} · ${type.id}:`;
  if (!site.schedule_config[type.enqueueFlag]) {
    return [
      `${head} ✗ ${type.enqueueFlag} is off for this site: nothing is selected`,
    ];
  }
  const offsets = type.binned && input.weeks
    ? weeklyOffsets(input.weeks)
    : type.defaultOffsets;
  const lines: string[] = [];
  for (const offset of offsets) {
    const target = input.date.add({ days: offset });
    const name = type.nameFor(offset);
    const from = startOfDay(target);
    const due = rows.filter((row) => {
      const value = type.dateField === "start_date"
        ? row.startDate
        : row.upgradeDeadline;
      if (!type.binned) {
        return value !== null && value < from &&
          value >= from - MAX_LOOKBACK_DAYS * DAY_MS;
      }
      return value !== null && value >= from && value < from + DAY_MS;
    });
    if (due.length === 0) continue;
    lines.push(`${head} ${name}, target day ${target}:`);
    const resolveInput = {
      today: input.date,
      site,
      config: input.config,
      catalog: input.catalog,
      offset,
      rows: due,
    };
    for (const row of type.binned ? due : []) {
      lines.push(
        `    ${row.courseId}: ✓ its ${type.dateField} falls on ${target}`,
      );
      for (
        const check of commonChecks(
          resolveInput,
          row,
          name,
          type.experiencesFor(offset),
        )
      ) {
        lines.push(`      ${mark(check.passed)} ${check.words}`);
      }
    }
    const { candidates, skips } = type.resolve(resolveInput);
    for (const skip of skips) {
      lines.push(`    ✗ ${skip.courseId}: ${skip.detail}`);
    }
    for (const candidate of candidates) {
      const decision = planMessage(db, {
        candidate,
        site: site.domain,
        deliverFlag: type.deliverFlag,
        channel: "file",
        date: input.date.toString(),
        sendUuid: "explain",
        overrideEmail: null,
        force: false,
        uuid: () => "explain",
      });
      const about = candidate.courseIds.join(", ");
      lines.push(
        decision.kind === "deliver"
          ? `    → would send ${candidate.name} about ${about}`
          : decision.kind === "already-sent"
          ? `    → already sent ${candidate.name} about ${about} (ledger row ${decision.row.uuid})`
          : `    → not sent: ${candidate.name} about ${about} is skipped (${decision.row.reason})`,
      );
    }
  }
  if (lines.length === 0) {
    const dates = offsets.map((o) => input.date.add({ days: o }).toString());
    return [
      `${head} no schedule's ${type.dateField} falls on a target day (${
        describe(type, dates)
      })`,
    ];
  }
  return lines;
}

function describe(type: SendType, dates: string[]): string {
  if (type.binned) {
    return dates.length > 3
      ? `${dates.at(-1)} … ${dates[0]}`
      : dates.join(", ");
  }
  return `a section due on ${dates[0]} within the last 18 weeks`;
}
