/**
 * What every command function receives: the real dependencies built by main.ts, and the global
 * options. Commands never read Deno.args, Deno.env or Deno.cwd() themselves.
 */
import { isAbsolute, join } from "node:path";
import type { Env } from "../env.ts";
import type { Millis } from "../domain/types.ts";

/** Global options, accepted before or after the subcommand. */
export interface GlobalOptions {
  db: string;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  /** `--now DATETIME`: the clock for imports (reproducible imports and tests). */
  now: Millis | null;
}

/** Dependencies of a command. */
export interface CommandContext {
  globals: GlobalOptions;
  env: Env;
  /** Today's UTC date from the real clock (the default of --date). */
  today: Temporal.PlainDate;
  /** The clock for imports: --now when given, else the real time. */
  now(): Millis;
  /** Folder that relative paths on the command line are resolved against. */
  cwd: string;
  /** Standard output (a line at a time; no trailing newline needed). */
  out(line: string): void;
  /** Standard error for warnings and progress (suppressed by --quiet where sensible). */
  err(line: string): void;
  /** Standard input, for `import <kind> -`. */
  stdin: ReadableStream<Uint8Array>;
  /** Whether stderr is a terminal and NO_COLOR is unset (progress bars, colour). */
  fancy: boolean;
}

/** Resolves a command-line path against the caller's folder. */
export function resolvePath(ctx: CommandContext, path: string): string {
  return isAbsolute(path) ? path : join(ctx.cwd, path);
}
