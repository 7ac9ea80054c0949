/**
 * `schedules send <type> [site] [options]` and the upstream aliases: parse the options, build the
 * channel, take the lock, run each date, print the summary.
 */
import { parseRunDate } from "../domain/dates.ts";
import { UsageError } from "../errors.ts";
import { isSendTypeId, SEND_TYPES, sendType } from "../messages/mod.ts";
import { explain } from "../explain.ts";
import { selectSites, send, type SendOptions } from "../send.ts";
import { loadConfig } from "../store/config_store.ts";
import { loadCatalog } from "../store/selection.ts";
import { openStore, type Store } from "../store/db.ts";
import { acquireSendLock } from "../store/lock.ts";
import type { SendSummary } from "../summary.ts";
import { parseCommandArgs, parseIntOption } from "./args.ts";
import { buildChannel, type ChannelChoice } from "./channels.ts";
import { type CommandContext, resolvePath } from "./context.ts";
import { createProgress } from "./progress.ts";
import { printSummary } from "./summary_output.ts";

const OPTIONS = {
  date: { type: "string" },
  "override-recipient-email": { type: "string" },
  weeks: { type: "string" },
  bin: { type: "string" },
  channel: { type: "string" },
  out: { type: "string" },
  "dry-run": { type: "boolean" },
  force: { type: "boolean" },
  since: { type: "string" },
  explain: { type: "string" },
  concurrency: { type: "string" },
} as const;

function parseDate(name: string, text: string): Temporal.PlainDate {
  try {
    return parseRunDate(text);
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (${name})`);
  }
}

/** Runs `send`. */
export async function run(
  ctx: CommandContext,
  args: string[],
): Promise<number> {
  const { values, positionals } = parseCommandArgs("send", args, OPTIONS);
  const [typeId, site = null, ...extra] = positionals;
  if (!typeId || (typeId !== "all" && !isSendTypeId(typeId))) {
    throw new UsageError(
      `Unknown send type "${typeId ?? ""}": expected ${
        SEND_TYPES.map((t) => t.id).join(", ")
      } or all`,
    );
  }
  if (extra.length > 0) {
    throw new UsageError(`Unexpected argument "${extra[0]}"`);
  }
  if (typeId === "course-next-section-update" && site === null) {
    throw new UsageError(
      "send course-next-section-update needs a site (domain)",
    );
  }
  const date = values.date ? parseDate("--date", values.date) : ctx.today;
  const since = values.since ? parseDate("--since", values.since) : null;
  if (since && Temporal.PlainDate.compare(since, date) > 0) {
    throw new UsageError(`--since ${since} is after --date ${date}`);
  }
  const email = values["override-recipient-email"] ?? null;
  if (email !== null && !/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new UsageError(
      `Invalid value "${email}" for --override-recipient-email`,
    );
  }
  const channelName = (values.channel ?? "file") as ChannelChoice;
  if (!["file", "sailthru", "smtp"].includes(channelName)) {
    throw new UsageError(
      `Unknown channel "${values.channel}": expected file, sailthru or smtp`,
    );
  }
  const options: SendOptions = {
    types: typeId === "all" ? SEND_TYPES : [sendType(typeId)!],
    date,
    site,
    weeks: values.weeks
      ? parseIntOption("--weeks", values.weeks, 1, 520)
      : null,
    bin: values.bin !== undefined
      ? parseIntOption("--bin", values.bin, 0, 23)
      : null,
    dryRun: values["dry-run"] ?? false,
    force: values.force ?? false,
    overrideEmail: email,
    concurrency: values.concurrency
      ? parseIntOption("--concurrency", values.concurrency, 1, 64)
      : 4,
  };
  const explainUser = values.explain === undefined
    ? null
    : parseIntOption("--explain", values.explain, 1, Number.MAX_SAFE_INTEGER);
  if (explainUser !== null && !options.dryRun) {
    throw new UsageError("--explain needs --dry-run");
  }
  const dbPath = resolvePath(ctx, ctx.globals.db);
  using db = openStore(dbPath);
  const channel = await buildChannel(ctx, db, {
    name: channelName,
    out: resolvePath(ctx, values.out ?? "ace_messages"),
    site,
    dryRun: options.dryRun,
  });
  const lock = options.dryRun ? null : acquireSendLock(dbPath, ctx.now());
  const stop = stopOnSignals();
  channel.deps.stopRequested = stop.requested;
  // The status line would tangle with --verbose log lines on the same stream.
  const progress = ctx.globals.verbose ? null : createProgress(ctx);
  if (progress) channel.deps.onProgress = progress.onProgress;
  const summaries: SendSummary[] = [];
  let failed = false;
  try {
    for (
      let day = since ?? date;
      Temporal.PlainDate.compare(day, date) <= 0 && !stop.requested();
      day = day.add({ days: 1 })
    ) {
      if (explainUser !== null) {
        printExplanation(ctx, db, options, day, explainUser);
      }
      const result = await send(channel.deps, { ...options, date: day });
      const { reasons, ...summary } = result;
      summaries.push(summary);
      failed ||= Object.values(summary.messages).some((c) =>
        c.failed > 0 || c.unknown > 0
      );
      progress?.finish();
      if (!ctx.globals.json) {
        printSummary(ctx, summary, { dryRun: options.dryRun, reasons });
      }
    }
    await channel.finish();
  } finally {
    progress?.finish();
    stop.dispose();
    lock?.release();
  }
  if (stop.requested()) {
    ctx.err(
      "Interrupted: the message in flight was finished and recorded; the next run delivers the rest",
    );
    return 1;
  }
  if (ctx.globals.json) {
    ctx.out(JSON.stringify(since ? summaries : summaries[0]));
  }
  return failed ? 1 : 0;
}

function printExplanation(
  ctx: CommandContext,
  db: Store,
  options: SendOptions,
  date: Temporal.PlainDate,
  userId: number,
): void {
  const config = loadConfig(db);
  const lines = explain(db, {
    userId,
    date,
    types: options.types,
    sites: selectSites(config, options.site),
    config,
    catalog: loadCatalog(db),
    weeks: options.weeks,
  });
  // Keep stdout machine-readable under --json.
  for (const line of lines) (ctx.globals.json ? ctx.err : ctx.out)(line);
}

/** SIGINT/SIGTERM ask the run to stop after the message in flight. */
function stopOnSignals(): { requested: () => boolean; dispose: () => void } {
  let requested = false;
  const handler = () => {
    // A second signal means "now": the ledger already holds every decision made so far.
    if (requested) Deno.exit(130);
    requested = true;
  };
  const signals: Deno.Signal[] = Deno.build.os === "windows"
    ? ["SIGINT"]
    : ["SIGINT", "SIGTERM"];
  for (const signal of signals) Deno.addSignalListener(signal, handler);
  return {
    requested: () => requested,
    dispose: () => {
      for (const signal of signals) Deno.removeSignalListener(signal, handler);
    },
  };
}
