/**
 * Progress of a send run: one status line on stderr that rewrites itself
 * ("recurringnudge_day3: 120 sent, 2 failed"), only when stderr is a terminal, NO_COLOR is unset
 * and --quiet is off (`ctx.fancy`). Under cron it does nothing, so logs hold only the summary.
 */
import type { CommandContext } from "./context.ts";

/** The progress hooks a send run calls (`SendDeps.onProgress`), and `finish()` after the run. */
export interface Progress {
  /** Counts one delivery attempt of `name` with its outcome (`sent`, `failed`, `unknown`). */
  onProgress(name: string, status: string): void;
  /** Clears the status line so the summary starts on a clean line. */
  finish(): void;
}

/** Options of {@linkcode createProgress}. */
export interface ProgressOptions {
  /** Writes raw text to stderr (no newline added). Default: the process's stderr. */
  write?: (text: string) => void;
  /** Terminal width; longer lines are cut, since a wrapped line cannot be rewritten. */
  columns?: number;
}

/** Erase the current terminal line and return to its start (ANSI EL2 + CR). */
const CLEAR = "\r\x1b[2K";

const NOTHING: Progress = { onProgress: () => {}, finish: () => {} };

function writeStderr(text: string): void {
  Deno.stderr.writeSync(new TextEncoder().encode(text));
}

function terminalColumns(): number {
  try {
    return Deno.consoleSize().columns;
  } catch {
    return 80;
  }
}

/** The status text of one message name's counts. */
export function statusLine(
  name: string,
  counts: ReadonlyMap<string, number>,
): string {
  const parts = [
    `${counts.get("sent") ?? 0} sent`,
    `${counts.get("failed") ?? 0} failed`,
  ];
  for (const [status, count] of counts) {
    if (status !== "sent" && status !== "failed") {
      parts.push(`${count} ${status}`);
    }
  }
  return `${name}: ${parts.join(", ")}`;
}

/** A progress line for a run, or hooks that do nothing when output is not for a person. */
export function createProgress(
  ctx: CommandContext,
  options: ProgressOptions = {},
): Progress {
  if (!ctx.fancy || ctx.globals.quiet) return NOTHING;
  const write = options.write ?? writeStderr;
  const width = Math.max(10, (options.columns ?? terminalColumns()) - 1);
  const counts = new Map<string, Map<string, number>>();
  let shown = "";
  return {
    onProgress(name, status) {
      const own = counts.get(name) ?? new Map<string, number>();
      own.set(status, (own.get(status) ?? 0) + 1);
      counts.set(name, own);
      const line = statusLine(name, own).slice(0, width);
      if (line === shown) return;
      shown = line;
      write(CLEAR + line);
    },
    finish() {
      if (shown !== "") write(CLEAR);
      shown = "";
    },
  };
}
