/**
 * `schedules demo [--out DIR] [--channel C]`: loads the demo data set into a fresh demo database beside the
 * real one (`demo.db` in the --db folder) and sends every type for the demo date. The fixtures
 * are embedded as modules, so the demo also runs from the single-file build.
 */
import { dirname, join } from "node:path";
import { parseCommandArgs } from "./args.ts";
import { type CommandContext, resolvePath } from "./context.ts";
import config from "../../fixtures/config.json" with { type: "json" };
import users from "../../fixtures/users.csv" with { type: "text" };
import courses from "../../fixtures/courses.csv" with { type: "text" };
import modes from "../../fixtures/modes.csv" with { type: "text" };
import highlights from "../../fixtures/highlights.csv" with { type: "text" };
import enrollments from "../../fixtures/enrollments.csv" with { type: "text" };
import optouts from "../../fixtures/optouts.csv" with { type: "text" };

/** The date every message type of the demo data is due. */
export const DEMO_DATE = "2026-03-16";

/** The import clock of the demo (reproducible history rows). */
const DEMO_NOW = Date.parse("2026-03-16T00:00:00Z");

const FILES: [kind: string, text: string][] = [
  ["config", JSON.stringify(config)],
  ["users", users],
  ["courses", courses],
  ["modes", modes],
  ["highlights", highlights],
  ["enrollments", enrollments],
  ["optouts", optouts],
];

function streamOf(text: string): ReadableStream<Uint8Array> {
  return new Blob([text]).stream();
}

/** Runs `demo`. */
export async function run(
  ctx: CommandContext,
  args: string[],
): Promise<number> {
  const { values } = parseCommandArgs("demo", args, {
    out: { type: "string" },
    channel: { type: "string" },
  });
  const db = join(dirname(resolvePath(ctx, ctx.globals.db)), "demo.db");
  for (const suffix of ["", "-wal", "-shm", ".lock"]) {
    await Deno.remove(db + suffix).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
  }
  const quiet = { ...ctx.globals, db, quiet: true, json: false, now: DEMO_NOW };
  const { run: importRun } = await import("./import.ts");
  for (const [kind, text] of FILES) {
    await importRun({
      ...ctx,
      globals: quiet,
      stdin: streamOf(text),
      now: () => DEMO_NOW,
    }, [kind, "-"]);
  }
  if (!ctx.globals.quiet && !ctx.globals.json) {
    ctx.out(`Loaded the demo data into ${db}`);
  }
  const { run: sendRun } = await import("./send.ts");
  const out = resolvePath(ctx, values.out ?? "ace_messages");
  const code = await sendRun({ ...ctx, globals: { ...ctx.globals, db } }, [
    "all",
    "--date",
    DEMO_DATE,
    "--out",
    out,
    ...(values.channel ? ["--channel", values.channel] : []),
  ]);
  if (
    !ctx.globals.quiet && !ctx.globals.json &&
    (values.channel ?? "file") === "file"
  ) {
    ctx.out(`Open ${join(out, "index.html")} to review the emails.`);
  }
  return code;
}
