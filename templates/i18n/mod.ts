/**
 * Translation for the email templates: `t(language, msgid, values)` looks a string up per language
 * (exact tag, then its base language, then another regional variant of that base language, then
 * English, string by string), picks the plural form for `values.count` with `Intl.PluralRules`,
 * and fills the `{placeholders}`. `translator()` also fills placeholders with JSX nodes, so a
 * template can bold a value inside a translated sentence.
 */
import type { ComponentChild } from "preact";
import { ar } from "./ar.ts";
import {
  baseLanguage,
  type Catalog,
  type CatalogMessage,
  type Catalogs,
  normalizeLanguage,
  parseMessage,
} from "./catalog.ts";
import { en, type MsgId } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";
import { ptBr } from "./pt_br.ts";

export type { Catalog, CatalogMessage, Catalogs, MsgId };
export { en };
export {
  hasStrayBrace,
  normalizeLanguage,
  placeholders,
  PLURAL_ORDER,
  pluralCategories,
} from "./catalog.ts";

/** The catalogs shipped with the tool, by normalised tag. */
export const SHIPPED_CATALOGS: Catalogs = {
  en,
  es,
  fr,
  "pt-br": ptBr,
  ar,
};

/** Placeholder values of a plain-text string; `count` also selects the plural form. */
export type Values = Readonly<Record<string, string | number>>;

/** Placeholder values that may be JSX (e.g. a bold course name). */
export type RichValues = Readonly<Record<string, ComponentChild>>;

/** Translates for one language. */
export interface Translator {
  /** The normalised language tag. */
  readonly language: string;
  /** The translated text with placeholders filled. */
  t(msgid: MsgId, values?: Values): string;
  /** The translated text as JSX children (values may be nodes; text is escaped on render). */
  rich(msgid: MsgId, values: RichValues): ComponentChild[];
}

const pluralRules = new Map<string, Intl.PluralRules>();
/** Translators by overrides object (shipped-only ones under SHIPPED_ONLY), then language and fallback. */
const translators = new WeakMap<Catalogs, Map<string, Translator>>();
const SHIPPED_ONLY: Catalogs = {};

/** Plural rules of a language (English when `Intl` does not know it). */
function pluralRulesFor(language: string): Intl.PluralRules {
  let rules = pluralRules.get(language);
  if (!rules) {
    try {
      rules = new Intl.PluralRules(language);
    } catch {
      rules = new Intl.PluralRules("en");
    }
    pluralRules.set(language, rules);
  }
  return rules;
}

/**
 * The catalog tags that serve a language, most specific first: the exact tag, its base language,
 * then other regional variants of the base language in `available` (sorted), so "es-419" is
 * served by "es" and "pt" or "pt-pt" by "pt-br". English is not added here.
 */
export function languageChain(
  language: string,
  available: Iterable<string>,
): string[] {
  const tag = normalizeLanguage(language) || "en";
  const base = baseLanguage(tag);
  const variants = [...available]
    .filter((other) => baseLanguage(other) === base)
    .sort();
  return [...new Set([tag, base, ...variants])];
}

/** Options of `catalogChain` and `translator`. */
export interface ChainOptions {
  /** End with English (default true): false for a language's own catalog, as `.po` exports. */
  english?: boolean;
  /**
   * A language to try, string by string, before English (the platform's `default_language`,
   * contract.md "translations"), e.g. a German course on a French platform: German, French, English.
   */
  fallback?: string;
}

/**
 * Catalogs to search for a language, most specific first: at each tag of `languageChain` (then
 * of the fallback language's), the overrides before the shipped strings; English last unless
 * `english` is false.
 */
export function catalogChain(
  language: string,
  overrides: Catalogs = {},
  options: ChainOptions = {},
): Catalog[] {
  const available = [
    ...Object.keys(SHIPPED_CATALOGS),
    ...Object.keys(overrides),
  ];
  const tags = languageChain(language, available);
  if (options.fallback) {
    tags.push(...languageChain(options.fallback, available));
  }
  if (options.english ?? true) tags.push("en");
  const chain: Catalog[] = [];
  for (const tag of new Set(tags)) {
    const override = overrides[tag];
    if (override) chain.push(override);
    const shipped = SHIPPED_CATALOGS[tag];
    if (shipped) chain.push(shipped);
  }
  return chain;
}

/** The first entry for a msgid in a catalog chain, or undefined. */
export function findEntry(
  chain: readonly Catalog[],
  msgid: string,
): CatalogMessage | undefined {
  for (const catalog of chain) {
    if (Object.hasOwn(catalog, msgid)) return catalog[msgid];
  }
  return undefined;
}

/** The text of an entry for a count (the `other` form without one). */
function pickForm(
  entry: CatalogMessage,
  rules: Intl.PluralRules,
  count: unknown,
): string {
  if (typeof entry === "string") return entry;
  if (typeof count !== "number") return entry.other;
  return entry[rules.select(count)] ?? entry.other;
}

/** Fills placeholders; a missing value is a programming error, never silently "undefined". */
function fill<T>(
  text: string,
  values: Readonly<Record<string, T>>,
  msgid: string,
): (string | T)[] {
  return parseMessage(text).map((part) => {
    if (typeof part === "string") return part;
    if (!(part.name in values)) {
      throw new Error(
        `Cannot translate "${msgid}": no value for {${part.name}}`,
      );
    }
    return values[part.name] as T;
  });
}

/**
 * A translator for `language` with optional imported catalogs (`overrides`, keyed by language)
 * that win over the shipped strings, and an optional `fallback` language tried before English.
 * Translators are cached per overrides object, language and fallback, so a run that passes the
 * same `loadCatalogs()` result for every message builds each once.
 */
export function translator(
  language: string,
  overrides?: Catalogs,
  fallback?: string,
): Translator {
  const tag = normalizeLanguage(language) || "en";
  const key = overrides ?? SHIPPED_ONLY;
  let cache = translators.get(key);
  if (!cache) {
    cache = new Map();
    translators.set(key, cache);
  }
  const cacheKey = `${tag} ${fallback ?? ""}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const chain = catalogChain(tag, overrides, fallback ? { fallback } : {});
  const rules = pluralRulesFor(tag);
  const lookup = (msgid: MsgId, count: unknown): string =>
    pickForm(findEntry(chain, msgid) ?? en[msgid], rules, count);
  const result: Translator = {
    language: tag,
    t: (msgid, values = {}) =>
      fill(lookup(msgid, values["count"]), values, msgid).join(""),
    rich: (msgid, values) =>
      fill(lookup(msgid, values["count"]), values, msgid),
  };
  cache.set(cacheKey, result);
  return result;
}

/** Translates one string into `language` (English per missing string). */
export function t(language: string, msgid: MsgId, values?: Values): string {
  return translator(language).t(msgid, values);
}

/** Whether a text is a msgid of the shipped catalog (theme labels may be custom text). */
export function isMsgId(text: string): text is MsgId {
  return Object.hasOwn(en, text);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A whole number (week number, year) in the digits of `language` (`Intl.NumberFormat`, no
 * grouping so a year reads "2026"); plain digits for a tag `Intl` cannot parse.
 */
export function formatNumber(value: number, language: string): string {
  let format = numberFormats.get(language);
  if (!format) {
    try {
      format = new Intl.NumberFormat(language, { useGrouping: false });
    } catch {
      format = new Intl.NumberFormat("en", { useGrouping: false });
    }
    numberFormats.set(language, format);
  }
  return format.format(value);
}
