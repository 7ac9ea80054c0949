/**
 * `schedules forecast [site] --from D --days N [--format table|json|csv]`: for each day, what a
 * dry run of `send all` would report as sent — the calendar to read before turning flags on.
 */
import { parseRunDate } from "../domain/dates.ts";
import { UsageError } from "../errors.ts";
import { SEND_TYPES } from "../messages/mod.ts";
import { send } from "../send.ts";
import { openStore } from "../store/db.ts";
import { parseCommandArgs, parseIntOption } from "./args.ts";
import { buildChannel } from "./channels.ts";
import { type CommandContext, resolvePath } from "./context.ts";

/** One forecast day. */
export interface ForecastDay {
  date: string;
  messages: Record<string, number>;
}

/** Runs `forecast`. */
export async function run(
  ctx: CommandContext,
  args: string[],
): Promise<number> {
  const { values, positionals } = parseCommandArgs("forecast", args, {
    from: { type: "string" },
    days: { type: "string" },
    format: { type: "string" },
  });
  const [site = null, ...extra] = positionals;
  if (extra.length > 0) {
    throw new UsageError(`Unexpected argument "${extra[0]}"`);
  }
  let from = ctx.today;
  if (values.from) {
    try {
      from = parseRunDate(values.from);
    } catch (error) {
      throw new UsageError(`${(error as Error).message} (--from)`);
    }
  }
  const days = parseIntOption("--days", values.days ?? "7", 1, 366);
  const format = values.format ?? (ctx.globals.json ? "json" : "table");
  if (!["table", "json", "csv"].includes(format)) {
    throw new UsageError(
      `Unknown format "${format}": expected table, json or csv`,
    );
  }
  using db = openStore(resolvePath(ctx, ctx.globals.db));
  const { deps } = await buildChannel(ctx, db, {
    name: "file",
    out: "",
    site,
    dryRun: true,
  });
  const result: ForecastDay[] = [];
  for (let i = 0; i < days; i++) {
    const date = from.add({ days: i });
    const summary = await send(deps, {
      types: SEND_TYPES,
      date,
      site,
      weeks: null,
      bin: null,
      dryRun: true,
      force: false,
      overrideEmail: null,
      concurrency: 1,
    });
    result.push({
      date: date.toString(),
      messages: Object.fromEntries(
        Object.entries(summary.messages).map(([n, c]) => [n, c.sent]),
      ),
    });
  }
  print(ctx, result, format);
  return 0;
}

function print(ctx: CommandContext, days: ForecastDay[], format: string): void {
  if (format === "json") {
    ctx.out(JSON.stringify({ days }));
    return;
  }
  if (format === "csv") {
    ctx.out("date,message,count");
    for (const day of days) {
      for (const [name, count] of Object.entries(day.messages)) {
        ctx.out(`${day.date},${name},${count}`);
      }
    }
    return;
  }
  const names = [...new Set(days.flatMap((d) => Object.keys(d.messages)))];
  const widths = names.map((n) => Math.max(n.length, 5));
  ctx.out(
    ["date      ", ...names.map((n, i) => n.padStart(widths[i]!))].join("  "),
  );
  for (const day of days) {
    ctx.out(
      [
        day.date,
        ...names.map((n, i) =>
          String(day.messages[n] ?? 0).padStart(widths[i]!)
        ),
      ].join("  "),
    );
  }
}
