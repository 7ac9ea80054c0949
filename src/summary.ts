/**
 * The summary of a send run, in the `--json` shape of contract.md.
 */

/** Counts per message name. */
export interface Counts {
  sent: number;
  skipped: number;
  failed: number;
  unknown: number;
  already_sent: number;
}

/** `{"date", "sites", "messages": {"<name>": counts}}`. */
export interface SendSummary {
  date: string;
  sites: string[];
  messages: Record<string, Counts>;
}

/** All-zero counts. */
export function emptyCounts(): Counts {
  return { sent: 0, skipped: 0, failed: 0, unknown: 0, already_sent: 0 };
}
