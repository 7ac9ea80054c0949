/**
 * Delivery of ledger rows: render, hand to the channel, record the outcome. Used by the send
 * orchestrator for its own batches and to finish what earlier runs left undelivered.
 */
import { type Config, findSite, type SiteConfig } from "./config.ts";
import type { DeliveryResult, OutgoingMessage } from "./channels/channel.ts";
import { baseContext, fromAddress } from "./messages/base_context.ts";
import type { BaseContext, RenderedEmail } from "./render/types.ts";
import type { SendDeps } from "./send.ts";
import { asyncTransaction } from "./store/async_transaction.ts";
import {
  type LedgerRow,
  type Outcome,
  recordAttempt,
  recordOutcome,
  unfinished,
} from "./store/ledger.ts";

/** What delivery reads from a send run. */
export interface DeliveryContext {
  deps: SendDeps;
  config: Config;
  options: { concurrency: number };
}

/** Outcomes committed together on channels where a re-delivery is harmless. */
const OUTCOME_GROUP = 256;

/**
 * Delivers rows with at most `concurrency` in flight, recording each outcome. On a resend-safe
 * channel (files) outcomes are committed in groups — a crash only leaves rows pending, which
 * the next run delivers again to the same file — after the channel has flushed its own state.
 * Other channels commit each outcome as soon as it is known.
 */
export async function deliverRows(
  ctx: DeliveryContext,
  site: SiteConfig,
  base: BaseContext,
  rows: readonly LedgerRow[],
  onOutcome: (row: LedgerRow, outcome: Outcome) => void,
): Promise<void> {
  const { channel, db } = ctx.deps;
  const group = channel.resendSafe ? OUTCOME_GROUP : rows.length;
  for (let from = 0; from < rows.length; from += group) {
    if (ctx.deps.stopRequested?.()) return;
    const chunk = rows.slice(from, from + group);
    if (!channel.resendSafe) {
      await deliverChunk(ctx, site, base, chunk, onOutcome);
      continue;
    }
    await asyncTransaction(db, false, async () => {
      await deliverChunk(ctx, site, base, chunk, onOutcome);
      await channel.flush?.();
    });
  }
}

async function deliverChunk(
  ctx: DeliveryContext,
  site: SiteConfig,
  base: BaseContext,
  rows: readonly LedgerRow[],
  onOutcome: (row: LedgerRow, outcome: Outcome) => void,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < rows.length && !ctx.deps.stopRequested?.()) {
      const row = rows[next++]!;
      const outcome = await deliverRow(ctx, site, base, row);
      recordOutcome(ctx.deps.db, row.uuid, outcome, ctx.deps.now());
      if (outcome.status === "sent") ctx.deps.onSent?.(row);
      onOutcome(row, outcome);
      ctx.deps.onProgress?.(row.name, outcome.status);
    }
  };
  const width = Math.max(1, Math.min(ctx.options.concurrency, rows.length));
  await Promise.all(Array.from({ length: width }, worker));
}

async function deliverRow(
  ctx: DeliveryContext,
  site: SiteConfig,
  base: BaseContext,
  row: LedgerRow,
): Promise<Outcome> {
  let rendered: RenderedEmail;
  try {
    rendered = renderRow(ctx, base, row);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    ctx.deps.log(`Cannot render message ${row.uuid}: ${text}`);
    return {
      status: "failed",
      reason: "render-error",
      transient: false,
      file: null,
    };
  }
  const { channel, db } = ctx.deps;
  if (row.attempted && !channel.resendSafe) {
    // An earlier run was killed after starting this delivery: it may have gone out.
    return {
      status: "unknown",
      reason: "interrupted",
      transient: false,
      file: null,
    };
  }
  // Only channels that must never resend need to know a delivery had started.
  if (!channel.resendSafe) recordAttempt(db, row.uuid, ctx.deps.now());
  return toOutcome(await channel.deliver(outgoing(ctx, site, row, rendered)));
}

/** The message handed to the channel for a ledger row. */
export function outgoing(
  ctx: DeliveryContext,
  site: SiteConfig,
  row: LedgerRow,
  rendered: RenderedEmail,
): OutgoingMessage {
  return {
    uuid: row.uuid,
    sendUuid: row.sendUuid,
    name: row.name,
    siteDomain: site.domain,
    userId: row.userId,
    recipient: row.recipient,
    fromAddress: fromAddress(ctx.config, site),
    date: row.date,
    rendered,
    unsubscribeUrl:
      "unsubscribe_url" in row.context && row.context.unsubscribe_url
        ? absolute(row.context.unsubscribe_url, site.domain)
        : null,
  };
}

function absolute(url: string, domain: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(url)
    ? url
    : `https://${domain}/${url.replace(/^\//, "")}`;
}

function toOutcome(result: DeliveryResult): Outcome {
  switch (result.status) {
    case "sent":
      return {
        status: "sent",
        reason: null,
        transient: false,
        file: result.file ?? null,
      };
    case "failed":
      return {
        status: "failed",
        reason: result.reason,
        transient: result.transient,
        file: null,
      };
    case "unknown":
      return {
        status: "unknown",
        reason: result.reason,
        transient: false,
        file: null,
      };
  }
}

/** Renders a ledger row's message (the year of the copyright line is the row's run date's). */
export function renderRow(
  ctx: DeliveryContext,
  base: BaseContext,
  row: LedgerRow,
): RenderedEmail {
  return ctx.deps.render({
    message: {
      appLabel: "schedules",
      name: row.name,
      uuid: row.uuid,
      sendUuid: row.sendUuid,
      userId: row.userId,
      siteDomain: row.site,
      language: row.language,
    },
    base,
    context: row.context,
    channel: ctx.deps.channel.hooks,
    year: Number(row.date.slice(0, 4)),
  });
}

/**
 * Completes earlier runs: rows of other dates recorded but never delivered (a killed run) and
 * transient failures, on this run's channel. Their counts are not part of this date's summary.
 */
export async function finishEarlierRuns(
  ctx: DeliveryContext,
  runDate: string,
): Promise<void> {
  const rows = unfinished(ctx.deps.db, ctx.deps.channel.name, runDate);
  for (const row of rows) {
    if (ctx.deps.stopRequested?.()) return;
    const site = findSite(ctx.config, row.site);
    if (!site) continue;
    const outcome = await deliverRow(
      ctx,
      site,
      baseContext(ctx.config, site),
      row,
    );
    recordOutcome(ctx.deps.db, row.uuid, outcome, ctx.deps.now());
    if (outcome.status === "sent") ctx.deps.onSent?.(row);
    ctx.deps.log(
      `Completed message ${row.uuid} of ${row.date}: ${outcome.status}`,
    );
  }
}
