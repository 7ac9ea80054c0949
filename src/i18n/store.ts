/**
 * Imported translations in the database (table `translations`, migration 003): `.po` imports
 * become per-language overrides, global (site '') or for one site; rendering for a site reads
 * the site's overrides over the global ones, both over the catalogs shipped with the tool.
 */
import type { Store } from "../store/db.ts";
import { transaction } from "../store/db.ts";
import { UsageError } from "../errors.ts";
import {
  type Catalog,
  catalogChain,
  type CatalogMessage,
  type Catalogs,
  findEntry,
  isMsgId,
  normalizeLanguage,
} from "../../templates/i18n/mod.ts";
import type { PluralMessage } from "../../templates/i18n/catalog.ts";
import { entryToForms } from "./plural_forms.ts";
import { isLanguageTag, parsePo, type PoCatalog, writePo } from "./po.ts";

/** Options of `importTranslations`. */
export interface ImportTranslationsOptions {
  /** Site domain the overrides are for; null for global overrides. */
  site: string | null;
  /** The file name, for error messages. */
  file: string;
  /** The import time (epoch milliseconds), stored with each row. */
  now: number;
  /** Check everything, store nothing. */
  dryRun?: boolean;
}

/** What an import did (or would do, in a dry run). */
export interface ImportTranslationsResult {
  /** Normalised language of the file, e.g. "pt-br". */
  language: string;
  /** Translated entries of the file (empty and fuzzy entries are not counted). */
  imported: number;
}

/** The stored scope of a site: its lower-case domain, '' for global. */
function scopeOf(site: string | null): string {
  return (site ?? "").trim().toLowerCase();
}

/** Whether two entries give the same text for every plural category of the language. */
function sameEntry(
  language: string,
  a: CatalogMessage,
  b: CatalogMessage,
): boolean {
  if (typeof a === "string" || typeof b === "string") return a === b;
  const forms = (entry: PluralMessage) =>
    JSON.stringify(entryToForms(language, entry));
  return forms(a) === forms(b);
}

/**
 * Stores the entries of one language and scope in one transaction. An entry equal to what the
 * emails would use without this scope's override (the shipped string, or for a site the global
 * override) is not stored, and removes this scope's override: so the exported, edited and
 * re-imported file keeps following later fixes of the shipped catalogs for the lines it left.
 */
function store(
  db: Store,
  catalog: PoCatalog,
  scope: string,
  now: number,
): void {
  const { language, entries } = catalog;
  const below = catalogChain(
    language,
    scope === "" ? {} : overrides(db, [""]),
    { english: false },
  );
  const upsert = db.prepare(
    `INSERT INTO translations (language, site, msgid, forms, imported_at)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (language, site, msgid)
     DO UPDATE SET forms = excluded.forms, imported_at = excluded.imported_at`,
  );
  const remove = db.prepare(
    "DELETE FROM translations WHERE language = ? AND site = ? AND msgid = ?",
  );
  transaction(db, () => {
    for (const [msgid, entry] of entries) {
      const current = findEntry(below, msgid);
      if (current !== undefined && sameEntry(language, current, entry)) {
        remove.run(language, scope, msgid);
      } else {
        upsert.run(language, scope, msgid, JSON.stringify(entry), now);
      }
    }
  });
}

/**
 * Imports a `.po` file as overrides for its `Language:` (one transaction): each translated entry
 * replaces the stored override of the same language, scope and msgid. A file with any problem
 * (no Language header, unknown msgid, placeholders that differ from the msgid's, bad plural
 * forms) throws a DataError and stores nothing. `imported` counts the translated entries of the
 * file (empty and fuzzy ones are skipped).
 */
export function importTranslations(
  db: Store,
  poText: string,
  options: ImportTranslationsOptions,
): ImportTranslationsResult {
  const catalog = parsePo(poText, options.file);
  if (!options.dryRun) {
    store(db, catalog, scopeOf(options.site), options.now);
  }
  return { language: catalog.language, imported: catalog.entries.size };
}

/** A stored `forms` value back as a catalog entry; undefined for anything malformed. */
function storedEntry(json: string): CatalogMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value === "string") return value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return undefined;
  }
  const forms = Object.entries(value);
  const valid = forms.every(([, text]) => typeof text === "string");
  const entry = Object.fromEntries(forms) as Record<string, string>;
  return valid && typeof entry["other"] === "string"
    ? entry as CatalogMessage
    : undefined;
}

/** Overrides of the given scopes, later scopes winning, as catalogs by language. */
function overrides(db: Store, scopes: readonly string[]): Catalogs {
  const rows = db.prepare(
    `SELECT language, site, msgid, forms FROM translations
     WHERE site IN (${scopes.map(() => "?").join(", ")})
     ORDER BY language, msgid`,
  ).all(...scopes) as {
    language: string;
    site: string;
    msgid: string;
    forms: string;
  }[];
  const catalogs: Record<string, Record<string, CatalogMessage>> = {};
  const rank = (site: string) => scopes.indexOf(site);
  rows.sort((a, b) => rank(a.site) - rank(b.site));
  for (const row of rows) {
    const entry = storedEntry(row.forms);
    // Rows of msgids a newer version no longer has are ignored, not errors.
    if (entry === undefined || !isMsgId(row.msgid)) continue;
    (catalogs[row.language] ??= {})[row.msgid] = entry;
  }
  return catalogs;
}

/**
 * The imported catalogs for rendering on one site, by language: the site's overrides over the
 * global ones (shipped catalogs are not included: the translator puts these in front of them).
 * Pass the result as `renderEmail(input, { catalogs })`; `{}` when nothing was imported.
 */
export function loadCatalogs(db: Store, site: string): Catalogs {
  const scope = scopeOf(site);
  return overrides(db, scope === "" ? [""] : ["", scope]);
}

/**
 * The effective catalog of `language` as a `.po` file: for each msgid the string an email would
 * use (site overrides, global overrides, shipped catalogs; the exact tag, then its base
 * language, then another variant of it), an empty `msgstr` where the language has none (English
 * is never filled in for another language). `site` null exports the global view.
 */
export function exportTranslations(
  db: Store,
  language: string,
  site: string | null,
): string {
  const tag = normalizeLanguage(language);
  if (!isLanguageTag(tag)) {
    throw new UsageError(
      `Invalid language "${language}": expected a language tag such as fr, pt_BR or es-419`,
    );
  }
  const scope = scopeOf(site);
  const catalogs = overrides(db, scope === "" ? [""] : ["", scope]);
  const chain: Catalog[] = catalogChain(tag, catalogs, { english: false });
  return writePo(tag, (msgid) => findEntry(chain, msgid));
}
