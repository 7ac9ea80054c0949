/**
 * `schedules import <kind> <file|-> [--dry-run]`: loads one file (or stdin) of one kind into the
 * database, in one transaction, and prints a one-line summary (or JSON with --json). Kinds are a
 * table from name to command, so further kinds (olx, translations) are one line each.
 */
import { DataError, UsageError } from "../errors.ts";
import {
  type ImportResult,
  STREAM_IMPORTERS,
  type StreamImporter,
} from "../import/mod.ts";
import { openStore } from "../store/db.ts";
import { parseCommandArgs } from "./args.ts";
import { type CommandContext, resolvePath } from "./context.ts";

/** A kind's command: gets the arguments after the kind, returns the exit code. */
export type KindCommand = (
  ctx: CommandContext,
  args: string[],
) => Promise<number>;

/** The import kinds. */
export const IMPORT_COMMANDS: Record<string, KindCommand> = {
  ...Object.fromEntries(
    Object.entries(STREAM_IMPORTERS).map((
      [kind, importer],
    ) => [
      kind,
      (ctx: CommandContext, args: string[]) =>
        runStreamImport(ctx, kind, importer, args),
    ]),
  ),
  olx: async (ctx, args) =>
    (await import("./import_more.ts")).importOlxCommand(ctx, args),
  translations: async (ctx, args) =>
    (await import("./import_more.ts")).importTranslationsCommand(ctx, args),
};

/** Runs `import`. */
export async function run(
  ctx: CommandContext,
  args: string[],
): Promise<number> {
  const [kind, ...rest] = args;
  if (kind === undefined || kind.startsWith("-")) {
    throw new UsageError(
      `import: missing kind (kinds: ${
        Object.keys(IMPORT_COMMANDS).join(", ")
      })`,
    );
  }
  const command = Object.hasOwn(IMPORT_COMMANDS, kind)
    ? IMPORT_COMMANDS[kind]
    : undefined;
  if (!command) {
    throw new UsageError(
      `Unknown kind "${kind}" for import (kinds: ${
        Object.keys(IMPORT_COMMANDS).join(", ")
      })`,
    );
  }
  return await command(ctx, rest);
}

async function runStreamImport(
  ctx: CommandContext,
  kind: string,
  importer: StreamImporter,
  args: string[],
): Promise<number> {
  const { values, positionals } = parseCommandArgs(`import ${kind}`, args, {
    "dry-run": { type: "boolean" },
  });
  if (positionals.length !== 1) {
    throw new UsageError(`import ${kind}: expected one file (or - for stdin)`);
  }
  const source = positionals[0]!;
  const input = await openInput(ctx, source);
  try {
    using db = openStore(resolvePath(ctx, ctx.globals.db));
    const result = await importer(db, input.stream, {
      file: input.name,
      now: ctx.now(),
      dryRun: values["dry-run"] ?? false,
    });
    report(ctx, result);
    return 0;
  } finally {
    input.close();
  }
}

/** An opened input: its stream, the name errors use, and how to release it. */
interface Input {
  stream: ReadableStream<Uint8Array>;
  name: string;
  close(): void;
}

/** Opens a file (or stdin for `-`); a missing file is a DataError. */
export async function openInput(
  ctx: CommandContext,
  source: string,
): Promise<Input> {
  if (source === "-") {
    return { stream: ctx.stdin, name: "stdin", close() {} };
  }
  const path = resolvePath(ctx, source);
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new DataError(`Cannot read "${source}": no such file`);
    }
    if (error instanceof Deno.errors.PermissionDenied) {
      throw new DataError(`Cannot read "${source}": permission denied`);
    }
    throw error;
  }
  if ((await file.stat()).isDirectory) {
    file.close();
    throw new DataError(`Cannot read "${source}": it is a folder`);
  }
  return {
    stream: file.readable,
    name: source,
    close() {
      try {
        file.close();
      } catch {
        // Reading to the end closes the file already.
      }
    },
  };
}

/** Prints the summary and the warnings. */
export function report(ctx: CommandContext, result: ImportResult): void {
  for (const warning of result.warnings) ctx.err(`warning: ${warning}`);
  if (ctx.globals.json) {
    ctx.out(JSON.stringify(result));
    return;
  }
  if (ctx.globals.quiet) return;
  ctx.out(summaryLine(result));
}

/** The one-line summary of an import. */
export function summaryLine(result: ImportResult): string {
  const head = result.dry_run
    ? `Dry run, nothing changed: ${result.kind} from "${result.file}" would give`
    : `Imported ${result.kind} from "${result.file}":`;
  if (result.kind === "config") {
    const rows = result.inserted;
    return `${head} ${rows} configuration row${rows === 1 ? "" : "s"} written${
      rows === 0 ? " (no change)" : ""
    }`;
  }
  const parts = [
    `${result.inserted} inserted`,
    `${result.updated} updated`,
    `${result.unchanged} unchanged`,
  ];
  const extras: [number, string, string][] = [
    [result.users_created, "user", "created"],
    [result.schedules_created, "schedule", "created"],
    [result.schedules_updated, "schedule", "updated"],
  ];
  for (const [count, noun, verb] of extras) {
    const always = result.kind === "enrollments" && noun === "schedule" &&
      verb === "created";
    if (count > 0 || always) {
      parts.push(`${count} ${noun}${count === 1 ? "" : "s"} ${verb}`);
    }
  }
  return `${head} ${parts.join(", ")}`;
}
