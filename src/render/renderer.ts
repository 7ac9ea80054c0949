/**
 * The renderer of a run: `renderEmail` with each site's imported translations (site overrides
 * over global ones over the shipped catalogs) and the platform's default language as the
 * per-string fallback before English.
 */
import type { Config } from "../config.ts";
// Not from mod.ts, whose .po import/export would load the gettext parser on every send.
import { loadCatalogs } from "../i18n/overrides.ts";
import type { Store } from "../store/db.ts";
import type { Catalogs } from "../../templates/i18n/mod.ts";
import { renderEmail, type RenderOptions } from "./render.ts";
import type { EmailInput, RenderedEmail } from "./types.ts";

/** A renderer bound to a database's translations; catalogs load once per site. */
export function createRenderer(
  db: Store | null,
  config: Config,
): (input: EmailInput) => RenderedEmail {
  const bySite = new Map<string, Catalogs | undefined>();
  const fallback = config.platform.default_language;
  return (input) => {
    const site = input.message.siteDomain.toLowerCase();
    if (!bySite.has(site)) {
      const catalogs = db ? loadCatalogs(db, site) : {};
      bySite.set(site, Object.keys(catalogs).length > 0 ? catalogs : undefined);
    }
    const options: RenderOptions = fallback && fallback !== "en"
      ? { fallbackLanguage: fallback }
      : {};
    const catalogs = bySite.get(site);
    return renderEmail(input, catalogs ? { ...options, catalogs } : options);
  };
}
