/**
 * The program: global options, the command table and help. Each command lives in its own module,
 * loaded only when used so that start-up stays fast.
 */
import { parseDateTime } from "../domain/dates.ts";
import { UsageError } from "../errors.ts";
import type { CommandContext, GlobalOptions } from "./context.ts";

/** The version printed by --version. */
export const VERSION = "0.1.0";

/** A command module's entry point. */
export type CommandRun = (
  ctx: CommandContext,
  args: string[],
) => Promise<number>;

interface CommandEntry {
  summary: string;
  /** More lines for `schedules <command> --help`. */
  details?: readonly string[];
  load: () => Promise<CommandRun>;
}

const SEND_DETAILS = [
  "",
  "Options:",
  "  --date YYYY-MM-DD        the run's today, 00:00 UTC (default: today in UTC)",
  "  --since YYYY-MM-DD       run every date from this one through --date, in order",
  "  --channel file|sailthru|smtp   delivery channel (default file)",
  "  --out DIR                folder of the file channel (default ./ace_messages)",
  "  --override-recipient-email EMAIL   test send: every message goes to EMAIL",
  "  --weeks N                offsets −7 … −7N instead of the defaults",
  "  --bin K                  only learners whose id is K modulo 24 (0–23)",
  "  --dry-run                select, render and report; write and record nothing",
  "  --explain USER_ID        with --dry-run: every rule for that learner, in words",
  "  --force                  send again what the ledger shows as sent",
  "  --concurrency N          deliveries in flight (default 4)",
  "",
  "Example: schedules send all --date 2026-03-16 --dry-run",
];

const sendAlias = (type: string): CommandEntry => ({
  summary: `upstream name of \`send ${type}\``,
  details: SEND_DETAILS,
  load: async () => {
    const { run } = await import("./send.ts");
    return (ctx, args) => run(ctx, [type, ...args]);
  },
});

/** Every command, in help order. */
export const COMMANDS: Record<string, CommandEntry> = {
  init: {
    summary: "create or migrate the database",
    load: async () => (await import("./init.ts")).run,
  },
  import: {
    summary: "import <kind> <file|-> [--dry-run]",
    details: [
      "",
      "Kinds: config users courses modes highlights enrollments schedules optouts olx translations",
      "Example: schedules import enrollments enrollments.tsv --dry-run",
    ],
    load: async () => (await import("./import.ts")).run,
  },
  export: {
    summary: "export <kind> [--format csv|json] [--out FILE]",
    load: async () => (await import("./export.ts")).run,
  },
  send: {
    summary:
      "send <type> [site] [--date D] [--dry-run] … (types: recurring-nudge upgrade-reminder course-update course-next-section-update all)",
    details: SEND_DETAILS,
    load: async () => (await import("./send.ts")).run,
  },
  send_recurring_nudge: sendAlias("recurring-nudge"),
  send_upgrade_reminder: sendAlias("upgrade-reminder"),
  send_course_update: sendAlias("course-update"),
  send_course_next_section_update: sendAlias("course-next-section-update"),
  preview: {
    summary:
      "preview <message-name> [--user ID] [--course ID] [--date D] [--out DIR] [--lang LL]",
    load: async () => (await import("./preview.ts")).run,
  },
  demo: {
    summary:
      "demo [--out DIR] [--channel C]: load the demo data into data/demo.db and send every type",
    load: async () => (await import("./demo.ts")).run,
  },
  forecast: {
    summary: "forecast [site] --from D --days N [--format table|json|csv]",
    load: async () => (await import("./forecast.ts")).run,
  },
  check: {
    summary: "check: database integrity and the tool's own invariants",
    load: async () => (await import("./check.ts")).run,
  },
  doctor: {
    summary: "doctor [site]: report configuration problems",
    load: async () => (await import("./doctor.ts")).run,
  },
};

/** Help text of the whole program. */
export function helpText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, entry]) =>
    `  ${name.padEnd(width)}  ${entry.summary}`
  );
  return [
    "schedules: Open edX dynamic pacing emails from cron",
    "",
    "Usage: schedules [global options] <command> [arguments]",
    "",
    "Commands:",
    ...lines,
    "",
    "Global options:",
    "  --db PATH        database file (default data/schedules.db; env SCHEDULES_DB)",
    "  --json           machine-readable summary on stdout",
    "  --quiet          print nothing but errors",
    "  --verbose        print stack traces and debug lines",
    "  --now DATETIME   the clock used by imports (reproducible imports)",
    "  --help           this help",
    "  --version        the version",
    "",
    "Examples:",
    "  schedules import enrollments enrollments.csv",
    "  schedules send all --date 2026-03-14 --dry-run",
    "  schedules export messages --format json",
  ].join("\n");
}

/** The result of splitting argv: globals, and the command with its own arguments. */
export interface ParsedArgv {
  globals: GlobalOptions;
  help: boolean;
  version: boolean;
  command: string | null;
  args: string[];
}

/**
 * Takes the global options out of argv wherever they stand (before or after the subcommand) and
 * returns the rest. `defaultDb` is data/schedules.db or $SCHEDULES_DB.
 */
export function splitArgv(argv: string[], defaultDb: string): ParsedArgv {
  const globals: GlobalOptions = {
    db: defaultDb,
    json: false,
    quiet: false,
    verbose: false,
    now: null,
  };
  let help = false, version = false;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) {
        throw new UsageError(`Option ${flag} needs a value`);
      }
      return next;
    };
    if (arg === "--") {
      rest.push(...argv.slice(i));
      break;
    } else if (flag === "--db") globals.db = value();
    else if (flag === "--now") {
      const text = value();
      try {
        globals.now = parseDateTime(text);
      } catch {
        throw new UsageError(
          `Invalid value "${text}" for --now: expected an ISO 8601 datetime`,
        );
      }
    } else if (arg === "--json") globals.json = true;
    else if (arg === "--quiet" || arg === "-q") globals.quiet = true;
    else if (arg === "--verbose" || arg === "-v") globals.verbose = true;
    else if (arg === "--help" || arg === "-h") help = true;
    else if (arg === "--version" || arg === "-V") version = true;
    else rest.push(arg);
  }
  const [command = null, ...args] = rest;
  return { globals, help, version, command, args };
}

/** Runs one parsed command line; returns the exit code. */
export async function runCommand(
  ctx: CommandContext,
  parsed: ParsedArgv,
): Promise<number> {
  if (parsed.version) {
    ctx.out(`schedules ${VERSION}`);
    return 0;
  }
  if (parsed.command === null || parsed.command === "help") {
    ctx.out(helpText());
    return parsed.command === null && !parsed.help ? 2 : 0;
  }
  const entry = Object.hasOwn(COMMANDS, parsed.command)
    ? COMMANDS[parsed.command]
    : undefined;
  if (!entry) {
    throw new UsageError(
      `Unknown command "${parsed.command}" (see schedules --help)`,
    );
  }
  if (parsed.help) {
    const usage = entry.summary.startsWith("upstream")
      ? `schedules ${parsed.command} [site] [options]: ${entry.summary}`
      : `schedules ${entry.summary}`;
    ctx.out([`Usage: ${usage}`, ...(entry.details ?? [])].join("\n"));
    return 0;
  }
  const run = await entry.load();
  return await run(ctx, parsed.args);
}
