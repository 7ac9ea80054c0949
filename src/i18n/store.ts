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
  findEntry,
  normalizeLanguage,
} from "../../templates/i18n/mod.ts";
import type { PluralMessage } from "../../templates/i18n/catalog.ts";
import { entryToForms } from "./plural_forms.ts";
import { overrides, scopeOf } from "./overrides.ts";
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
