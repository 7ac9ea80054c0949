/**
 * The read side of imported translations: the overrides a site's emails use. Kept apart from the
 * `.po` import and export so that rendering does not load the gettext parser (and Node's
 * streams under it) on every send.
 */
import type { CatalogMessage, Catalogs } from "../../templates/i18n/mod.ts";
import { isMsgId } from "../../templates/i18n/mod.ts";
import type { Store } from "../store/db.ts";

/** The stored scope of a site: its lower-case domain, '' for global. */
export function scopeOf(site: string | null): string {
  return (site ?? "").trim().toLowerCase();
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
export function overrides(db: Store, scopes: readonly string[]): Catalogs {
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
