/** `schedules check`: integrity of the database; one `problem: …` line each, exit 1 if any. */
import { checkStore } from "../store/check.ts";
import { openStore } from "../store/db.ts";
import { parseCommandArgs } from "./args.ts";
import { type CommandContext, resolvePath } from "./context.ts";

/** Runs `check`. */
export function run(ctx: CommandContext, args: string[]): Promise<number> {
  parseCommandArgs("check", args, {});
  using db = openStore(resolvePath(ctx, ctx.globals.db));
  const problems = checkStore(db);
  if (ctx.globals.json) ctx.out(JSON.stringify({ problems }));
  else for (const problem of problems) ctx.out(`problem: ${problem}`);
  if (problems.length === 0 && !ctx.globals.json && !ctx.globals.quiet) {
    ctx.out("The database is consistent.");
  }
  return Promise.resolve(problems.length > 0 ? 1 : 0);
}
