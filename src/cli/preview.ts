/**
 * `schedules preview <message-name> [--user ID] [--course ID] [--date D] [--out DIR] [--lang LL]`:
 * renders one email — for a real learner (and course) from the database, for the built-in sample
 * learner in a real course (`--course` alone), or entirely from the built-in sample — prints its
 * subject, from-name and text part, and writes the HTML in the file-channel layout. The message
 * goes through the real resolvers, so the preview is what `send` would render on that day.
 * Nothing is recorded: a preview never writes the ledger.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type OutgoingMessage } from "../channels/channel.ts";
import { fileContent } from "../channels/file_channel.ts";
import type { Config } from "../config.ts";
import { parseRunDate } from "../domain/dates.ts";
import { DataError, UsageError } from "../errors.ts";
import { fromAddress } from "../messages/base_context.ts";
import {
  findForLearner,
  findForSample,
  type Found,
  PREVIEW_NAMES,
  PREVIEW_UUID,
  previewInput,
  sampleCatalog,
  sampleConfig,
  sampleOrg,
  sampleRow,
  type Search,
  sendDecision,
  siteFor,
  withLanguage,
} from "../preview/mod.ts";
import { createRenderer } from "../render/renderer.ts";
import type { RenderedEmail } from "../render/types.ts";
import { loadConfig } from "../store/config_store.ts";
import { openStore, type Store } from "../store/db.ts";
import {
  type Catalog,
  loadCatalog,
  schedulesOfUser,
} from "../store/selection.ts";
import { normalizeLanguage } from "../../templates/i18n/mod.ts";
import { parseCommandArgs, parseIntOption } from "./args.ts";
import { type CommandContext, resolvePath } from "./context.ts";

const OPTIONS = {
  user: { type: "string" },
  course: { type: "string" },
  date: { type: "string" },
  out: { type: "string" },
  lang: { type: "string" },
} as const;

/** What the command line asks for. */
interface Request {
  name: string;
  userId: number | null;
  courseId: string | null;
  date: Temporal.PlainDate | null;
  language: string | null;
  out: string;
}

/** The preview that was found, with what it was found in. */
interface Outcome {
  found: Found;
  config: Config;
  sample: boolean;
  /** What a send on that date would do (real data only). */
  decision: string | null;
}

/** Runs `preview`. */
export async function run(
  ctx: CommandContext,
  args: string[],
): Promise<number> {
  const request = parseRequest(ctx, args);
  const dbPath = resolvePath(ctx, ctx.globals.db);
  const exists = await fileExists(dbPath);
  if (!exists && (request.userId !== null || request.courseId !== null)) {
    throw new DataError(
      `Cannot preview real data: the database "${dbPath}" does not exist (import data first, or leave out --user and --course for the built-in sample)`,
    );
  }
  using db = exists ? openStore(dbPath) : null;
  const outcome = find(ctx, db, request);
  const render = createRenderer(db, outcome.config);
  const rendered = render(previewInput(outcome.config, outcome.found));
  const file = await writePreview(request.out, outcome, rendered);
  print(ctx, outcome, rendered, file);
  return 0;
}

function parseRequest(ctx: CommandContext, args: string[]): Request {
  const { values, positionals } = parseCommandArgs("preview", args, OPTIONS);
  const [name, ...extra] = positionals;
  if (!name || !(PREVIEW_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(
      `Unknown message "${name ?? ""}": expected one of ${
        PREVIEW_NAMES.join(", ")
      }`,
    );
  }
  if (extra.length > 0) {
    throw new UsageError(`Unexpected argument "${extra[0]}"`);
  }
  return {
    name,
    userId: values.user === undefined
      ? null
      : parseIntOption("--user", values.user, 1, Number.MAX_SAFE_INTEGER),
    courseId: values.course ?? null,
    date: values.date === undefined ? null : parseDate(values.date),
    language: values.lang === undefined ? null : parseLanguage(values.lang),
    out: resolvePath(ctx, values.out ?? join("ace_messages", "previews")),
  };
}

function parseDate(text: string): Temporal.PlainDate {
  try {
    return parseRunDate(text);
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (--date)`);
  }
}

function parseLanguage(text: string): string {
  if (!/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(text)) {
    throw new UsageError(
      `Invalid value "${text}" for --lang: expected a language code such as en, es or pt-BR`,
    );
  }
  return normalizeLanguage(text);
}

async function fileExists(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** Picks the data (real learner, sample learner in a real course, or all sample) and searches. */
function find(ctx: CommandContext, db: Store | null, req: Request): Outcome {
  const config = db ? loadConfig(db) : sampleConfig();
  const catalog = db ? loadCatalog(db) : null;
  if (db && catalog && req.userId !== null) {
    return forLearner(ctx, db, config, catalog, req);
  }
  if (db && catalog && req.courseId !== null) {
    return forCourse(ctx, db, config, catalog, req);
  }
  return forSample(ctx, config.sites.length > 0 ? config : sampleConfig(), req);
}

function forLearner(
  ctx: CommandContext,
  db: Store,
  config: Config,
  catalog: Catalog,
  req: Request,
): Outcome {
  const rows = schedulesOfUser(db, req.userId!).filter((row) =>
    req.courseId === null || row.courseId === req.courseId
  );
  if (rows.length === 0) {
    throw new DataError(
      `Learner ${req.userId} has no schedule${
        req.courseId === null ? "" : ` in ${req.courseId}`
      } in this database`,
    );
  }
  const world = { config, catalog: localized(catalog, req), rows };
  const search = findForLearner(world, req.name, req.date, ctx.today);
  const found = expect(
    search,
    req,
    `learner ${req.userId}`,
    () =>
      req.date
        ? findForLearner(world, req.name, null, req.date)
        : { ok: false, reasons: [] },
  );
  return { found, config, sample: false, decision: sendDecision(db, found) };
}

function forCourse(
  ctx: CommandContext,
  db: Store,
  config: Config,
  catalog: Catalog,
  req: Request,
): Outcome {
  const courseId = req.courseId!;
  if (!catalog.courses.has(courseId)) {
    throw new DataError(`Unknown course "${courseId}": import it first`);
  }
  const date = req.date ?? ctx.today;
  const world = { config, catalog: localized(catalog, req) };
  const site = siteFor({
    ...world,
    rows: [sampleRow(courseId, req.name, date, 0)],
  });
  if (!site) {
    throw new DataError(
      "Cannot preview: the configuration has no site (import a config with sites)",
    );
  }
  const search = findForSample(world, site, req.name, date, courseId);
  const found = expect(search, req, `the sample learner in ${courseId}`);
  return { found, config, sample: true, decision: sendDecision(db, found) };
}

function forSample(ctx: CommandContext, stored: Config, req: Request): Outcome {
  const date = req.date ?? ctx.today;
  const site = stored.sites[0]!;
  // The sample learner can always upgrade, so the upsell block shows as it would for most.
  const config: Config = {
    ...stored,
    dynamic_upgrade_deadline: {
      ...stored.dynamic_upgrade_deadline,
      global: { enabled: true, deadline_days: 21 },
    },
  };
  const catalog = localized(sampleCatalog(sampleOrg(site), date), req);
  const search = findForSample({ config, catalog }, site, req.name, date);
  const found = expect(search, req, "the sample learner");
  return { found, config, sample: true, decision: null };
}

function localized(catalog: Catalog, req: Request): Catalog {
  return req.language === null ? catalog : withLanguage(catalog, req.language);
}

/** The found message, else a DataError listing the rules that failed (and a due date). */
function expect(
  search: Search,
  req: Request,
  who: string,
  alternative: () => Search = () => ({ ok: false, reasons: [] }),
): Found {
  if (search.ok) return search.found;
  const other = alternative();
  const hint = other.ok
    ? [`it is due on ${other.found.date} (try --date ${other.found.date})`]
    : [];
  throw new DataError(
    `Cannot preview ${req.name} for ${who}${
      req.date ? ` on ${req.date}` : ""
    }: the rules would not send it`,
    [...search.reasons, ...hint],
  );
}

async function writePreview(
  dir: string,
  outcome: Outcome,
  rendered: RenderedEmail,
): Promise<string> {
  const { candidate, site, date } = outcome.found;
  const message: OutgoingMessage = {
    uuid: PREVIEW_UUID,
    sendUuid: "",
    name: candidate.name,
    siteDomain: site.domain,
    userId: candidate.userId,
    recipient: candidate.email,
    fromAddress: fromAddress(outcome.config, site),
    date: date.toString(),
    rendered,
    unsubscribeUrl: null,
  };
  await Deno.mkdir(dir, { recursive: true });
  const path = join(
    dir,
    `${candidate.userId}.${date}.${candidate.name}.preview.html`,
  );
  await Deno.writeTextFile(path, fileContent(message));
  return path;
}

function print(
  ctx: CommandContext,
  outcome: Outcome,
  rendered: RenderedEmail,
  file: string,
): void {
  if (ctx.globals.json) printJson(ctx, outcome, rendered, file);
  else if (ctx.globals.quiet) ctx.out(file);
  else printText(ctx, outcome, rendered, file);
}

function printJson(
  ctx: CommandContext,
  outcome: Outcome,
  rendered: RenderedEmail,
  file: string,
): void {
  const { candidate, site, date } = outcome.found;
  ctx.out(JSON.stringify({
    name: candidate.name,
    sample: outcome.sample,
    user_id: candidate.userId,
    recipient: candidate.email,
    course_ids: candidate.courseIds,
    site: site.domain,
    date: date.toString(),
    language: candidate.language,
    from_name: rendered.from_name,
    from_address: fromAddress(outcome.config, site),
    subject: rendered.subject,
    text: rendered.body,
    file,
    send: outcome.decision,
  }));
}

function printText(
  ctx: CommandContext,
  outcome: Outcome,
  rendered: RenderedEmail,
  file: string,
): void {
  const { candidate, site, date } = outcome.found;
  const sender = fromAddress(outcome.config, site);
  const who = outcome.sample
    ? `the sample learner <${candidate.email}>`
    : `learner ${candidate.userId} <${candidate.email}>`;
  ctx.out(`${candidate.name} for ${who} on ${date}`);
  ctx.out(
    `  site ${site.domain} · ${
      candidate.courseIds.join(", ")
    } · language ${candidate.language}`,
  );
  if (outcome.decision) ctx.out(`  a send on ${date} ${outcome.decision}`);
  else {ctx.out(
      "  (built-in sample data: use --user or --course for real data)",
    );}
  ctx.out("");
  ctx.out(`From: ${rendered.from_name}${sender ? ` <${sender}>` : ""}`);
  ctx.out(`Subject: ${rendered.subject}`);
  ctx.out("");
  ctx.out(rendered.body);
  ctx.out("");
  ctx.out(`Wrote ${file}`);
  ctx.out(`Open it with your browser: ${pathToFileURL(file).href}`);
}
