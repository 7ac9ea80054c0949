/** `schedules doctor [site] [--channel C]`: one `warning: …` line per problem; exit 1 if any. */
import { UsageError } from "../errors.ts";
import { diagnose } from "../doctor.ts";
import { selectSites } from "../send.ts";
import { loadConfig } from "../store/config_store.ts";
import { openStore } from "../store/db.ts";
import { loadCatalog } from "../store/selection.ts";
import { parseCommandArgs } from "./args.ts";
import { type CommandContext, resolvePath } from "./context.ts";

/** Runs `doctor`. */
export function run(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("doctor", args, {
    channel: { type: "string" },
  });
  const [site = null, ...extra] = positionals;
  if (extra.length > 0) {
    throw new UsageError(`Unexpected argument "${extra[0]}"`);
  }
  const channel = values.channel ?? "file";
  if (channel !== "file" && channel !== "sailthru" && channel !== "smtp") {
    throw new UsageError(
      `Unknown channel "${channel}": expected file, sailthru or smtp`,
    );
  }
  using db = openStore(resolvePath(ctx, ctx.globals.db));
  const config = loadConfig(db);
  selectSites(config, site);
  const warnings = diagnose({
    config,
    catalog: loadCatalog(db),
    site,
    channel,
    secrets: {
      sailthru: Boolean(
        ctx.env.SAILTHRU_API_KEY && ctx.env.SAILTHRU_API_SECRET,
      ),
      smtp: Boolean(ctx.env.SMTP_URL),
    },
  });
  if (ctx.globals.json) ctx.out(JSON.stringify({ warnings }));
  else for (const warning of warnings) ctx.out(`warning: ${warning}`);
  if (warnings.length === 0 && !ctx.globals.json && !ctx.globals.quiet) {
    ctx.out("No problems found.");
  }
  return Promise.resolve(warnings.length > 0 ? 1 : 0);
}
