/** `schedules init`: create or migrate the database. */
import { openStore, SCHEMA_VERSION } from "../store/db.ts";
import { parseCommandArgs } from "./args.ts";
import type { CommandContext } from "./context.ts";
import { resolvePath } from "./context.ts";

/** Runs `init`. */
export function run(ctx: CommandContext, args: string[]): Promise<number> {
  parseCommandArgs("init", args, {});
  const path = resolvePath(ctx, ctx.globals.db);
  using _db = openStore(path);
  if (ctx.globals.json) {
    ctx.out(JSON.stringify({ db: path, schema: SCHEMA_VERSION }));
  } else if (!ctx.globals.quiet) {
    ctx.out(`Database ready: ${path} (schema ${SCHEMA_VERSION})`);
  }
  return Promise.resolve(0);
}
