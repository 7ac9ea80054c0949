/**
 * gettext plural forms ↔ CLDR plural categories. A `.po` entry with `msgid_plural` has
 * `msgstr[0..n-1]`; schedules numbers them the way CLDR-derived gettext rules do (Unicode's
 * CLDR-to-gettext conversion, as used by Weblate and Transifex): `msgstr[i]` is the i-th category
 * `Intl.PluralRules(language)` uses, in CLDR order zero, one, two, few, many, other. So
 * English/German: [0]=one [1]=other; Spanish/French/Portuguese: [0]=one [1]=many [2]=other;
 * Arabic: [0]=zero [1]=one [2]=two [3]=few [4]=many [5]=other.
 *
 * Older files may have fewer forms than CLDR now has (French `nplurals=2`, Russian
 * `nplurals=3`): their forms fill the first categories in order and the last form also serves as
 * `other`. A file with more forms than the language has categories is refused.
 *
 * The `Plural-Forms:` expressions written on export follow the same numbering; schedules itself
 * never evaluates them (it selects with `Intl.PluralRules`), they are for translators' editors.
 */
import type { PluralMessage } from "../../templates/i18n/catalog.ts";
import {
  normalizeLanguage,
  pluralCategories,
} from "../../templates/i18n/mod.ts";

/** `n % 10 == 1 && n % 100 != 11`-style rules shared by several languages. */
const SLAVIC_FEW =
  "n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14)";
const ONE_OR_ZERO = "(n > 1)";
const ONE_MILLION_MANY = (one: string) =>
  `(${one}) ? 0 : ((n != 0 && n % 1000000 == 0) ? 1 : 2)`;

/**
 * Plural expressions by language (base tag unless a regional tag differs), returning the index of
 * the CLDR category in CLDR order for an integer `n`. Languages not listed use `(n != 1)` with two
 * categories and `0` with one.
 */
const EXPRESSIONS: Readonly<Record<string, string>> = {
  am: ONE_OR_ZERO,
  ar:
    "(n == 0) ? 0 : ((n == 1) ? 1 : ((n == 2) ? 2 : ((n % 100 >= 3 && n % 100 <= 10) ? 3 : ((n % 100 >= 11) ? 4 : 5))))",
  as: ONE_OR_ZERO,
  be: `(n % 10 == 1 && n % 100 != 11) ? 0 : ((${SLAVIC_FEW}) ? 1 : 2)`,
  bn: ONE_OR_ZERO,
  bs: `(n % 10 == 1 && n % 100 != 11) ? 0 : ((${SLAVIC_FEW}) ? 1 : 2)`,
  ca: ONE_MILLION_MANY("n == 1"),
  cs: "(n == 1) ? 0 : ((n >= 2 && n <= 4) ? 1 : 3)",
  cy:
    "(n == 0) ? 0 : ((n == 1) ? 1 : ((n == 2) ? 2 : ((n == 3) ? 3 : ((n == 6) ? 4 : 5))))",
  es: ONE_MILLION_MANY("n == 1"),
  fa: ONE_OR_ZERO,
  fil: "(n % 10 == 4 || n % 10 == 6 || n % 10 == 9) ? 1 : 0",
  fr: ONE_MILLION_MANY("n == 0 || n == 1"),
  ga:
    "(n == 1) ? 0 : ((n == 2) ? 1 : ((n >= 3 && n <= 6) ? 2 : ((n >= 7 && n <= 10) ? 3 : 4)))",
  gu: ONE_OR_ZERO,
  he: "(n == 1) ? 0 : ((n == 2) ? 1 : 2)",
  hi: ONE_OR_ZERO,
  hr: `(n % 10 == 1 && n % 100 != 11) ? 0 : ((${SLAVIC_FEW}) ? 1 : 2)`,
  hy: ONE_OR_ZERO,
  is: "(n % 10 == 1 && n % 100 != 11) ? 0 : 1",
  it: ONE_MILLION_MANY("n == 1"),
  kn: ONE_OR_ZERO,
  ln: ONE_OR_ZERO,
  lt:
    "(n % 10 == 1 && (n % 100 < 11 || n % 100 > 19)) ? 0 : ((n % 10 >= 2 && n % 10 <= 9 && (n % 100 < 11 || n % 100 > 19)) ? 1 : 3)",
  lv:
    "(n % 10 == 0 || (n % 100 >= 11 && n % 100 <= 19)) ? 0 : ((n % 10 == 1 && n % 100 != 11) ? 1 : 2)",
  mk: "(n % 10 == 1 && n % 100 != 11) ? 0 : 1",
  mt:
    "(n == 1) ? 0 : ((n == 2) ? 1 : ((n == 0 || (n % 100 >= 3 && n % 100 <= 10)) ? 2 : ((n % 100 >= 11 && n % 100 <= 19) ? 3 : 4)))",
  pa: ONE_OR_ZERO,
  pl: `(n == 1) ? 0 : ((${SLAVIC_FEW}) ? 1 : 2)`,
  pt: ONE_MILLION_MANY("n == 0 || n == 1"),
  "pt-pt": ONE_MILLION_MANY("n == 1"),
  ro: "(n == 1) ? 0 : ((n == 0 || (n % 100 >= 1 && n % 100 <= 19)) ? 1 : 2)",
  ru: `(n % 10 == 1 && n % 100 != 11) ? 0 : ((${SLAVIC_FEW}) ? 1 : 2)`,
  si: ONE_OR_ZERO,
  sk: "(n == 1) ? 0 : ((n >= 2 && n <= 4) ? 1 : 3)",
  sl:
    "(n % 100 == 1) ? 0 : ((n % 100 == 2) ? 1 : ((n % 100 == 3 || n % 100 == 4) ? 2 : 3))",
  sr: `(n % 10 == 1 && n % 100 != 11) ? 0 : ((${SLAVIC_FEW}) ? 1 : 2)`,
  ti: ONE_OR_ZERO,
  tl: "(n % 10 == 4 || n % 10 == 6 || n % 10 == 9) ? 1 : 0",
  uk: `(n % 10 == 1 && n % 100 != 11) ? 0 : ((${SLAVIC_FEW}) ? 1 : 2)`,
  zu: ONE_OR_ZERO,
};

/** The plural expression of a language (see `EXPRESSIONS`). */
export function pluralExpression(language: string): string {
  const tag = normalizeLanguage(language);
  const base = tag.split("-")[0] ?? tag;
  const listed = EXPRESSIONS[tag] ?? EXPRESSIONS[base];
  if (listed) return listed;
  return pluralCategories(tag).length === 1 ? "0" : "(n != 1)";
}

/** The `Plural-Forms:` header value for a language, e.g. `nplurals=2; plural=(n != 1);`. */
export function pluralFormsHeader(language: string): string {
  const count = pluralCategories(normalizeLanguage(language)).length;
  return `nplurals=${count}; plural=${pluralExpression(language)};`;
}

/**
 * A plural entry from gettext forms (`msgstr[0..n-1]`, numbered as the module comment says), or
 * null when there are more forms than the language has categories.
 */
export function formsToEntry(
  language: string,
  forms: readonly string[],
): PluralMessage | null {
  const categories = pluralCategories(normalizeLanguage(language));
  const last = forms.at(-1);
  if (forms.length > categories.length || last === undefined) return null;
  const entry: Partial<Record<Intl.LDMLPluralRule, string>> = {};
  forms.forEach((form, i) => {
    entry[categories[i]!] = form;
  });
  return { ...entry, other: entry.other ?? last };
}

/** The gettext forms of a plural entry: one per category, `other` for any it lacks. */
export function entryToForms(
  language: string,
  entry: PluralMessage,
): string[] {
  return pluralCategories(normalizeLanguage(language)).map((category) =>
    entry[category] ?? entry.other
  );
}
