/**
 * Email translations for operators: `.po` import and export (contract.md "translations"), the
 * imported catalogs for rendering, and the gettext plural-form mapping.
 */
export {
  exportTranslations,
  importTranslations,
  type ImportTranslationsOptions,
  type ImportTranslationsResult,
} from "./store.ts";
export { loadCatalogs } from "./overrides.ts";
export { gettextLanguage, isLanguageTag, parsePo, writePo } from "./po.ts";
export type { PoCatalog } from "./po.ts";
export {
  entryToForms,
  formsToEntry,
  pluralExpression,
  pluralFormsHeader,
} from "./plural_forms.ts";
