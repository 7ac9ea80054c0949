/**
 * Catalog types and ICU-style placeholder handling shared by the shipped catalogs, the translator
 * and translation imports (a translation must keep its msgid's placeholders).
 */

/** A plural entry: CLDR plural categories (`Intl.PluralRules`) to text; `other` is required. */
export type PluralMessage =
  & { readonly other: string }
  & { readonly [category in Intl.LDMLPluralRule]?: string };

/** One catalog entry. */
export type CatalogMessage = string | PluralMessage;

/** A language's strings by msgid. */
export type Catalog = Readonly<Record<string, CatalogMessage>>;

/** Catalogs by language tag (lower case, `-` separated, e.g. "pt-br"). */
export type Catalogs = Readonly<Record<string, Catalog>>;

/** A piece of a parsed string: literal text or a placeholder name. */
export type Part = string | { readonly name: string };

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const parsed = new Map<string, readonly Part[]>();

/** Splits a string into literal text and `{placeholder}` parts (cached: strings repeat a lot). */
export function parseMessage(text: string): readonly Part[] {
  const cached = parsed.get(text);
  if (cached) return cached;
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push({ name: match[1] ?? "" });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  parsed.set(text, parts);
  return parts;
}

/** The placeholder names of a string, sorted and unique (for comparing a translation with its msgid). */
export function placeholders(text: string): string[] {
  const names = new Set<string>();
  for (const part of parseMessage(text)) {
    if (typeof part !== "string") names.add(part.name);
  }
  return [...names].sort();
}

/** Normalises a language tag for catalog lookup: "pt_BR" → "pt-br". */
export function normalizeLanguage(language: string): string {
  return language.trim().replaceAll("_", "-").toLowerCase();
}

/** CLDR plural categories in CLDR order: the order of gettext's `msgstr[n]` forms too. */
export const PLURAL_ORDER: readonly Intl.LDMLPluralRule[] = [
  "zero",
  "one",
  "two",
  "few",
  "many",
  "other",
];

/** The base language of a normalised tag: "pt-br" → "pt". */
export function baseLanguage(tag: string): string {
  return tag.split("-")[0] ?? tag;
}

/**
 * The plural categories `Intl.PluralRules` uses for a language, in CLDR order (English's for a
 * tag `Intl` cannot parse).
 */
export function pluralCategories(language: string): Intl.LDMLPluralRule[] {
  let used: readonly Intl.LDMLPluralRule[];
  try {
    used = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  } catch {
    used = new Intl.PluralRules("en").resolvedOptions().pluralCategories;
  }
  return PLURAL_ORDER.filter((category) => used.includes(category));
}

/** Whether a text has a `{` or `}` that is not part of a `{placeholder}` (a broken placeholder). */
export function hasStrayBrace(text: string): boolean {
  return /[{}]/.test(text.replace(PLACEHOLDER, ""));
}
