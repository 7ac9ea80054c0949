/**
 * The import kinds that are not CSV streams: `olx` (a Studio course export, archive or folder)
 * and `translations` (a gettext `.po` file). Their libraries load only when used.
 */
import { UsageError } from "../errors.ts";
import { loadConfig } from "../store/config_store.ts";
import { openStore } from "../store/db.ts";
import { parseCommandArgs } from "./args.ts";
import { type CommandContext, resolvePath } from "./context.ts";
import { openInput, report } from "./import.ts";
import { findSite } from "../config.ts";

function onePath(kind: string, positionals: string[]): string {
  if (positionals.length !== 1) {
    throw new UsageError(`import ${kind}: expected one file (or - for stdin)`);
  }
  return positionals[0]!;
}

/** `import olx <export.tar.gz | folder | -> [--dry-run]`. */
export async function importOlxCommand(
  ctx: CommandContext,
  args: string[],
): Promise<number> {
  const { values, positionals } = parseCommandArgs("import olx", args, {
    "dry-run": { type: "boolean" },
  });
  const source = onePath("olx", positionals);
  const { importOlx, importOlxCourse, readOlxStream } = await import(
    "../import/olx.ts"
  );
  using db = openStore(resolvePath(ctx, ctx.globals.db));
  const options = {
    file: source,
    now: ctx.now(),
    dryRun: values["dry-run"] ?? false,
  };
  const results = source === "-"
    ? await importOlxCourse(
      db,
      await readOlxStream(
        // Deno's stdin chunks are backed by plain ArrayBuffers.
        ctx.stdin as ReadableStream<Uint8Array<ArrayBuffer>>,
        "stdin",
      ),
      options,
    )
    : await importOlx(db, resolvePath(ctx, source), options);
  for (const result of results) report(ctx, result);
  return 0;
}

/** `import translations <file.po | -> [--site DOMAIN] [--dry-run]`. */
export async function importTranslationsCommand(
  ctx: CommandContext,
  args: string[],
): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    "import translations",
    args,
    {
      site: { type: "string" },
      "dry-run": { type: "boolean" },
    },
  );
  const source = onePath("translations", positionals);
  const input = await openInput(ctx, source);
  let text: string;
  try {
    text = await new Response(input.stream).text();
  } finally {
    input.close();
  }
  const { importTranslations } = await import("../i18n/mod.ts");
  using db = openStore(resolvePath(ctx, ctx.globals.db));
  const site = knownSite(db, values.site);
  const dryRun = values["dry-run"] ?? false;
  const result = importTranslations(db, text, {
    site,
    file: source,
    now: ctx.now(),
    dryRun,
  });
  if (ctx.globals.json) {
    ctx.out(JSON.stringify({ ...result, site, dry_run: dryRun }));
  } else if (!ctx.globals.quiet) {
    ctx.out(
      `${
        dryRun ? "Dry run, nothing changed: would import" : "Imported"
      } ${result.imported} ${result.language} translations from "${source}"${
        site ? ` for ${site}` : ""
      }`,
    );
  }
  return 0;
}

/** `export translations --lang LL [--site DOMAIN] [--out FILE]`. */
export async function exportTranslationsCommand(
  ctx: CommandContext,
  args: string[],
): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    "export translations",
    args,
    {
      lang: { type: "string" },
      site: { type: "string" },
      out: { type: "string" },
    },
  );
  if (positionals.length > 0) {
    throw new UsageError(
      `export translations: unexpected argument "${positionals[0]}"`,
    );
  }
  if (!values.lang) throw new UsageError("export translations needs --lang LL");
  const { exportTranslations } = await import("../i18n/mod.ts");
  using db = openStore(resolvePath(ctx, ctx.globals.db));
  const text = exportTranslations(db, values.lang, knownSite(db, values.site));
  if (values.out === undefined) ctx.out(text.replace(/\n$/, ""));
  else await Deno.writeTextFile(resolvePath(ctx, values.out), text);
  return 0;
}

/** The site of `--site`, which must exist (case-insensitive), or null for global. */
function knownSite(
  db: Parameters<typeof loadConfig>[0],
  domain: string | undefined,
): string | null {
  if (domain === undefined) return null;
  const site = findSite(loadConfig(db), domain);
  if (!site) throw new UsageError(`No matching site found: ${domain}`);
  return site.domain;
}
