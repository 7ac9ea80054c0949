/**
 * The edge: argv → real dependencies (clock, environment, streams) → one command → exit code.
 */
import type { CommandContext } from "./src/cli/context.ts";
import { runCommand, splitArgv } from "./src/cli/mod.ts";
import { readEnv } from "./src/env.ts";
import { DataError, exitCodeOf, isBusy } from "./src/errors.ts";

const encoder = new TextEncoder();
const env = readEnv();
const cwd = env.INIT_CWD ?? Deno.cwd();
let verbose = Deno.args.includes("--verbose");

function err(line: string): void {
  Deno.stderr.writeSync(encoder.encode(line + "\n"));
}

try {
  const parsed = splitArgv(
    Deno.args,
    // A plain "/" join: importing node:path here would load Node's compatibility layer on every
    // start (≈ 30 ms), and "/" is a separator on every platform Deno runs on.
    env.SCHEDULES_DB ?? `${cwd.replace(/\/+$/, "")}/data/schedules.db`,
  );
  verbose = parsed.globals.verbose;
  const now = parsed.globals.now;
  const ctx: CommandContext = {
    globals: parsed.globals,
    env,
    today: Temporal.Now.plainDateISO("UTC"),
    now: () => now ?? Date.now(),
    cwd,
    out: (line) => Deno.stdout.writeSync(encoder.encode(line + "\n")),
    err: (line) => {
      if (!parsed.globals.quiet) err(line);
    },
    stdin: Deno.stdin.readable,
    fancy: Deno.stderr.isTerminal() && env.NO_COLOR === undefined,
  };
  Deno.exitCode = await runCommand(ctx, parsed);
} catch (error) {
  const busy = isBusy(error);
  const message = busy
    ? "The database stayed locked by another process (an import?) for 15 s; try again"
    : error instanceof Error
    ? error.message
    : String(error);
  err(`error: ${message}`);
  if (error instanceof DataError) {
    for (const line of error.details) err(`  ${line}`);
  }
  if (error instanceof Deno.errors.NotCapable) {
    err(
      '  (the permission flags of this run do not allow it; see README "Permissions")',
    );
  }
  if (verbose && error instanceof Error && error.stack) err(error.stack);
  Deno.exitCode = error instanceof Deno.errors.NotCapable
    ? 2
    : busy
    ? 3
    : exitCodeOf(error);
}
