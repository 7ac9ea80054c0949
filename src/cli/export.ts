/**
 * `schedules export <kind> [--format csv|json] [--out FILE]`: writes one kind to stdout or a
 * file, a line at a time (large tables are streamed, never built as one string).
 */
import { DataError, UsageError } from "../errors.ts";
import {
  defaultFormat,
  EXPORT_KINDS,
  type ExportFormat,
  exportLines,
} from "../export/mod.ts";
import { openStore } from "../store/db.ts";
import { parseCommandArgs } from "./args.ts";
import { type CommandContext, resolvePath } from "./context.ts";

/** A kind's command: gets the arguments after the kind, returns the exit code. */
export type KindCommand = (
  ctx: CommandContext,
  args: string[],
) => Promise<number>;

/** The export kinds; another kind (translations) is one more entry. */
export const EXPORT_COMMANDS: Record<string, KindCommand> = {
  ...Object.fromEntries(
    EXPORT_KINDS.map((kind) => [
      kind,
      (ctx: CommandContext, args: string[]) => runExport(ctx, kind, args),
    ]),
  ),
  translations: async (ctx, args) =>
    (await import("./import_more.ts")).exportTranslationsCommand(ctx, args),
};

/** Lines written to stdout per call (fewer system calls for big tables). */
const BATCH_LINES = 512;

/** Runs `export`. */
export async function run(
  ctx: CommandContext,
  args: string[],
): Promise<number> {
  const [kind, ...rest] = args;
  const kinds = Object.keys(EXPORT_COMMANDS).join(", ");
  if (kind === undefined || kind.startsWith("-")) {
    throw new UsageError(`export: missing kind (kinds: ${kinds})`);
  }
  const command = Object.hasOwn(EXPORT_COMMANDS, kind)
    ? EXPORT_COMMANDS[kind]
    : undefined;
  if (!command) {
    throw new UsageError(`Unknown kind "${kind}" for export (kinds: ${kinds})`);
  }
  return await command(ctx, rest);
}

function runExport(
  ctx: CommandContext,
  kind: string,
  args: string[],
): Promise<number> {
  const { values, positionals } = parseCommandArgs(`export ${kind}`, args, {
    format: { type: "string" },
    out: { type: "string" },
  });
  if (positionals.length > 0) {
    throw new UsageError(
      `export ${kind}: unexpected argument "${positionals[0]}"`,
    );
  }
  const format = parseFormat(values.format ?? defaultFormat(kind));
  using db = openStore(resolvePath(ctx, ctx.globals.db));
  const lines = exportLines(db, kind, format);
  if (values.out === undefined) writeToStdout(ctx, lines);
  else writeToFile(resolvePath(ctx, values.out), values.out, lines);
  return Promise.resolve(0);
}

function parseFormat(text: string): ExportFormat {
  if (text === "csv" || text === "json") return text;
  throw new UsageError(
    `Invalid value "${text}" for --format: expected csv or json`,
  );
}

function writeToStdout(ctx: CommandContext, lines: Iterable<string>): void {
  let batch: string[] = [];
  for (const line of lines) {
    batch.push(line);
    if (batch.length >= BATCH_LINES) {
      ctx.out(batch.join("\n"));
      batch = [];
    }
  }
  if (batch.length > 0) ctx.out(batch.join("\n"));
}

function openOutput(path: string, given: string): Deno.FsFile {
  try {
    return Deno.openSync(path, { write: true, create: true, truncate: true });
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new DataError(`Cannot write "${given}": no such folder`);
    }
    if (error instanceof Deno.errors.IsADirectory) {
      throw new DataError(`Cannot write "${given}": it is a folder`);
    }
    throw error;
  }
}

function writeToFile(
  path: string,
  given: string,
  lines: Iterable<string>,
): void {
  const encoder = new TextEncoder();
  using file = openOutput(path, given);
  let batch: string[] = [];
  const flush = () => {
    const bytes = encoder.encode(batch.join(""));
    let written = 0;
    while (written < bytes.length) {
      written += file.writeSync(bytes.subarray(written));
    }
    batch = [];
  };
  for (const line of lines) {
    batch.push(line + "\n");
    if (batch.length >= BATCH_LINES) flush();
  }
  flush();
}
