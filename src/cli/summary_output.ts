/**
 * Printing a send summary for people: one line per message name, and for dry runs the reasons
 * each candidate was passed over.
 */
import type { SendSummary } from "../summary.ts";
import type { CommandContext } from "./context.ts";

/** Options of {@linkcode printSummary}. */
export interface PrintOptions {
  dryRun: boolean;
  reasons: Map<string, Map<string, number>>;
}

/** Prints the summary of one date. */
export function printSummary(
  ctx: CommandContext,
  summary: SendSummary,
  options: PrintOptions,
): void {
  if (ctx.globals.quiet) return;
  const sites = summary.sites.length > 0
    ? summary.sites.join(", ")
    : "no sites";
  ctx.out(
    `${options.dryRun ? "Dry run for" : "Sent for"} ${summary.date} (${sites})`,
  );
  const names = Object.keys(summary.messages);
  const width = Math.max(12, ...names.map((n) => n.length));
  for (const name of names) {
    const c = summary.messages[name]!;
    const sent = options.dryRun ? `would send ${c.sent}` : `sent ${c.sent}`;
    ctx.out(
      `  ${
        name.padEnd(width)
      }  ${sent}, skipped ${c.skipped}, failed ${c.failed}, unknown ${c.unknown}, already sent ${c.already_sent}`,
    );
    if (options.dryRun) {
      for (const [reason, count] of options.reasons.get(name) ?? []) {
        ctx.out(`  ${"".padEnd(width)}    passed over: ${reason} × ${count}`);
      }
    }
  }
}
