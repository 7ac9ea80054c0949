/**
 * The send orchestrator: for each type, site, offset and bin — resolve (pure), plan the
 * per-message checks, record the plan in the ledger, then deliver and record each outcome.
 * `--dry-run` stops after planning and rendering.
 */
import { type Config, findSite, type SiteConfig } from "./config.ts";
import type { Channel, OutgoingMessage } from "./channels/channel.ts";
import { dayWindow } from "./domain/dates.ts";
import type { Millis } from "./domain/types.ts";
import { DataError } from "./errors.ts";
import { baseContext } from "./messages/base_context.ts";
import {
  deliverRows,
  finishEarlierRuns,
  outgoing,
  renderRow,
} from "./delivery.ts";
import {
  type Candidate,
  lookbackWindows,
  type SendType,
  weeklyOffsets,
} from "./messages/mod.ts";
import { type Decision, deliveryFlag, planMessage } from "./plan.ts";
import type { BaseContext, EmailInput, RenderedEmail } from "./render/types.ts";
import { loadConfig } from "./store/config_store.ts";
import { type Store, transaction } from "./store/db.ts";
import { type LedgerRow, recordMessage } from "./store/ledger.ts";
import {
  type Catalog,
  highlightSchedules,
  loadCatalog,
  schedulesInWindow,
} from "./store/selection.ts";
import { emptyCounts, type SendSummary } from "./summary.ts";

/** Dependencies of a send run (built by the CLI; tests pass fakes). */
export interface SendDeps {
  db: Store;
  channel: Channel;
  render: (input: EmailInput) => RenderedEmail;
  /** The clock for ledger timestamps. */
  now: () => Millis;
  uuid: () => string;
  /** Upstream's log lines (shown with --verbose). */
  log: (line: string) => void;
  /** Called after a message was delivered (Segment event). */
  onSent?: (row: LedgerRow) => void;
  /** True once SIGINT/SIGTERM arrived: finish the message in flight, then stop. */
  stopRequested?: () => boolean;
  /** Called after each delivery attempt of the run's own messages (progress bars). */
  onProgress?: (name: string, status: string) => void;
  /** Called for each message a dry run would deliver (Sailthru debug mode prints it). */
  onDryRun?: (message: OutgoingMessage) => void;
}

/** Options of a send run (contract.md "send options"). */
export interface SendOptions {
  types: readonly SendType[];
  /** The run's "today". */
  date: Temporal.PlainDate;
  site: string | null;
  weeks: number | null;
  bin: number | null;
  dryRun: boolean;
  force: boolean;
  overrideEmail: string | null;
  concurrency: number;
}

interface RunState {
  deps: SendDeps;
  options: SendOptions;
  config: Config;
  catalog: Catalog;
  summary: SendSummary;
  /** Resolver and delivery skips per message name and reason (dry-run explanations). */
  reasons: Map<string, Map<string, number>>;
}

/** A run's summary plus, per message name, how many candidates were passed over and why. */
export type SendResult = SendSummary & {
  reasons: Map<string, Map<string, number>>;
};

/** Runs one send command for one date. */
export async function send(
  deps: SendDeps,
  options: SendOptions,
): Promise<SendResult> {
  const config = loadConfig(deps.db);
  const sites = selectSites(config, options.site);
  const state: RunState = {
    deps,
    options,
    config,
    catalog: loadCatalog(deps.db),
    summary: {
      date: options.date.toString(),
      sites: sites.map((s) => s.domain),
      messages: {},
    },
    reasons: new Map(),
  };
  if (!options.dryRun) await finishEarlierRuns(state, options.date.toString());
  for (const type of options.types) {
    for (const site of sites) {
      if (deps.stopRequested?.()) break;
      await sendTypeForSite(state, type, site);
    }
  }
  return { ...state.summary, reasons: state.reasons };
}

/** The sites of a run: one by domain (case-insensitive), or all. */
export function selectSites(
  config: Config,
  domain: string | null,
): SiteConfig[] {
  if (domain === null) return config.sites;
  const site = findSite(config, domain);
  if (!site) throw new DataError(`No matching site found: ${domain}`);
  return [site];
}

async function sendTypeForSite(
  state: RunState,
  type: SendType,
  site: SiteConfig,
): Promise<void> {
  const { options, deps } = state;
  const offsets = type.binned && options.weeks
    ? weeklyOffsets(options.weeks)
    : type.defaultOffsets;
  for (const offset of offsets) countsFor(state, type.nameFor(offset));
  if (!site.schedule_config[type.enqueueFlag]) {
    deps.log(
      `${type.prefix}: Message queuing disabled for site ${site.domain}`,
    );
    return;
  }
  const base = baseContext(state.config, site);
  for (const offset of offsets) {
    const target = options.date.add({ days: offset });
    deps.log(
      `${type.prefix}: Target date = ${target.toString()}T00:00:00+00:00`,
    );
    const scope = {
      today: options.date,
      site,
      config: state.config,
      catalog: state.catalog,
      offset,
    };
    // --bin applies to every type, next-section included, so that 24 bin runs on separate
    // hosts partition the whole day's work. Next-section goes one course at a time.
    const rowSets = type.binned
      ? [schedulesInWindow(
        deps.db,
        type.dateField,
        dayWindow(target),
        options.bin,
      )]
      : highlightSchedules(deps.db, lookbackWindows(scope), options.bin);
    for (const rows of rowSets) {
      const resolution = type.resolve({ ...scope, rows });
      for (const skip of resolution.skips) {
        countReason(state, skip.name, skip.reason);
      }
      if (deps.stopRequested?.()) return;
      await sendBatches(
        state,
        type,
        site,
        base,
        batches(type, resolution.candidates),
      );
    }
  }
}

/** Binned types get one batch (one send_uuid) per bin, next-section one per course. */
function batches(
  type: SendType,
  candidates: readonly Candidate[],
): Candidate[][] {
  const groups = new Map<string | number, Candidate[]>();
  for (const candidate of candidates) {
    const key = type.binned ? candidate.userId % 24 : candidate.batch;
    const group = groups.get(key);
    if (group) group.push(candidate);
    else groups.set(key, [candidate]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, group]) => group);
}

/**
 * Plans and records every batch of one resolution in one transaction — what was checked (the
 * ledger, the deliver flag, opt-outs) cannot change before the decisions are recorded — then
 * delivers them in order. One transaction rather than one per batch: each commit rewrites the
 * ledger pages it touched, and a crash between two batches leaves the same thing either way
 * (rows recorded and pending, delivered by the next run).
 */
async function sendBatches(
  state: RunState,
  type: SendType,
  site: SiteConfig,
  base: BaseContext,
  groups: readonly Candidate[][],
): Promise<void> {
  const { deps, options } = state;
  if (groups.length === 0) return;
  const plan = (): Decision[] => {
    const enabled = deliveryFlag(deps.db, {
      site: site.domain,
      deliverFlag: type.deliverFlag,
    });
    return groups.flatMap((candidates) => {
      const sendUuid = deps.uuid();
      return candidates.map((candidate) =>
        planMessage(deps.db, {
          candidate,
          site: site.domain,
          deliverFlag: type.deliverFlag,
          channel: deps.channel.name,
          date: options.date.toString(),
          sendUuid,
          overrideEmail: options.overrideEmail,
          force: options.force,
          uuid: deps.uuid,
        }, enabled)
      );
    });
  };
  const decisions = options.dryRun ? plan() : transaction(deps.db, () => {
    const planned = plan();
    const now = deps.now();
    for (const decision of planned) {
      if (decision.kind !== "already-sent") {
        recordMessage(deps.db, decision.row, now);
      }
    }
    return planned;
  });
  const toDeliver: LedgerRow[] = [];
  for (const decision of decisions) {
    const counts = countsFor(state, decision.row.name);
    if (decision.kind === "already-sent") counts.already_sent++;
    else if (decision.kind === "skip") {
      counts.skipped++;
      countReason(state, decision.row.name, decision.row.reason ?? "skipped");
    } else toDeliver.push(decision.row);
  }
  if (options.dryRun) {
    for (const row of toDeliver) {
      const message = outgoing(state, site, row, renderRow(state, base, row));
      deps.onDryRun?.(message);
      countsFor(state, row.name).sent++;
    }
    return;
  }
  await deliverRows(state, site, base, toDeliver, (row, outcome) => {
    const counts = countsFor(state, row.name);
    if (outcome.status === "sent") counts.sent++;
    else if (outcome.status === "failed") counts.failed++;
    else if (outcome.status === "unknown") counts.unknown++;
  });
}

/** The counts of one message name in the run's summary (created at zero). */
function countsFor(state: RunState, name: string) {
  return (state.summary.messages[name] ??= emptyCounts());
}

function countReason(state: RunState, name: string, reason: string): void {
  const reasons = state.reasons.get(name) ?? new Map<string, number>();
  reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  state.reasons.set(name, reasons);
}
