/**
 * Reading and writing gettext `.po` files of the email catalog with the `gettext-parser` package.
 * `parsePo` turns an operator's file into checked catalog entries: the language from the
 * `Language:` header, every msgid a known English msgid, the placeholders of every translated
 * form equal to the msgid's, plural forms mapped onto CLDR categories (see plural_forms.ts).
 * Untranslated entries (empty `msgstr`) and fuzzy ones (`#, fuzzy`: needs review, as `msgfmt`
 * treats them) are skipped. `writePo` writes a catalog back in the same shape.
 */
import { po } from "gettext-parser";
import type { GetTextTranslation } from "gettext-parser";
import { DataError } from "../errors.ts";
import {
  type CatalogMessage,
  en,
  hasStrayBrace,
  isMsgId,
  type MsgId,
  normalizeLanguage,
  placeholders,
  pluralCategories,
} from "../../templates/i18n/mod.ts";
import {
  entryToForms,
  formsToEntry,
  pluralFormsHeader,
} from "./plural_forms.ts";

/** The translated entries of a `.po` file. */
export interface PoCatalog {
  /** Normalised language tag of the `Language:` header, e.g. "pt-br". */
  language: string;
  /** Translated entries by msgid, in file order. */
  entries: Map<MsgId, CatalogMessage>;
}

/** A language tag as the catalogs key it: "pt-br", "es-419", "zh-hans". */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/;

/** Whether a normalised tag is a well-formed language tag. */
export function isLanguageTag(tag: string): boolean {
  return LANGUAGE_TAG.test(tag);
}

/** The tag as gettext writes it in a `Language:` header: "pt-br" → "pt_BR", "zh-hans" → "zh_Hans". */
export function gettextLanguage(tag: string): string {
  const [language = "", ...rest] = normalizeLanguage(tag).split("-");
  const subtags = rest.map((part) => {
    if (/^[a-z]{2}$/.test(part)) return part.toUpperCase();
    if (/^[a-z]{4}$/.test(part)) return part[0]!.toUpperCase() + part.slice(1);
    return part;
  });
  return [language, ...subtags].join("_");
}

/** Parses the text, turning the parser's exceptions into a data error naming the file. */
function parseText(text: string, file: string) {
  try {
    // A byte-order mark some editors write would otherwise be read as part of the first keyword.
    return po.parse(text.replace(/^\uFEFF/, ""), { validation: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(
      `Cannot import "${file}": not a valid .po file (${reason})`,
    );
  }
}

/** The normalised language of the headers (DataError when missing or malformed). */
function headerLanguage(
  headers: Readonly<Record<string, string>>,
  file: string,
): string {
  const raw = Object.entries(headers)
    .find(([name]) => name.toLowerCase() === "language")?.[1]?.trim() ?? "";
  if (raw === "") {
    throw new DataError(
      `Cannot import "${file}": it has no "Language:" header naming the language of its translations`,
    );
  }
  const language = normalizeLanguage(raw);
  if (!isLanguageTag(language)) {
    throw new DataError(
      `Cannot import "${file}": "Language: ${raw}" is not a language tag (e.g. fr, pt_BR, es-419)`,
    );
  }
  return language;
}

/** The problem of a translated text compared with its msgid, or null. */
function placeholderProblem(
  msgid: string,
  text: string,
  language: string,
): string | null {
  const want = placeholders(msgid);
  const got = placeholders(text);
  const list = (names: string[]) =>
    names.length === 0 ? "none" : names.map((name) => `{${name}}`).join(", ");
  if (want.join("\n") !== got.join("\n")) {
    return `the ${language} translation of "${msgid}" has placeholders ${
      list(got)
    } but the msgid has ${list(want)}`;
  }
  if (hasStrayBrace(text)) {
    return `the ${language} translation of "${msgid}" has a "{" or "}" that is not part of a {placeholder}`;
  }
  return null;
}

/** A checked entry, or the reason it cannot be imported. */
type Checked = { entry: CatalogMessage } | { problem: string };

/** The catalog entry of one translated `.po` entry, or its problem. */
function check(
  msgid: MsgId,
  item: GetTextTranslation,
  language: string,
): Checked {
  const plural = typeof en[msgid] !== "string";
  if (plural !== (item.msgid_plural !== undefined)) {
    return {
      problem: plural
        ? `"${msgid}" has plural forms: give msgid_plural and msgstr[0], msgstr[1], …`
        : `"${msgid}" has no plural forms: give a single msgstr`,
    };
  }
  for (const form of item.msgstr) {
    const problem = placeholderProblem(msgid, form, language);
    if (problem) return { problem };
  }
  if (!plural) return { entry: item.msgstr[0] ?? "" };
  const entry = formsToEntry(language, item.msgstr);
  if (entry) return { entry };
  return {
    problem:
      `"${msgid}" has ${item.msgstr.length} plural forms but ${language} has ${
        pluralCategories(language).length
      } (${pluralFormsHeader(language)})`,
  };
}

/** Whether an entry is translated: every form non-empty, and not marked fuzzy. */
function isTranslated(item: GetTextTranslation): boolean {
  const fuzzy = (item.comments?.flag ?? "").split(",").some((flag) =>
    flag.trim() === "fuzzy"
  );
  return !fuzzy && item.msgstr.length > 0 &&
    item.msgstr.every((form) => form !== "");
}

/** Every entry of a parsed file, in every msgctxt, except the header entry. */
function* itemsOf(
  table: Readonly<Record<string, Readonly<Record<string, GetTextTranslation>>>>,
): Generator<GetTextTranslation> {
  for (const [context, items] of Object.entries(table)) {
    for (const [msgid, item] of Object.entries(items)) {
      if (context === "" && msgid === "") continue;
      yield item;
    }
  }
}

/**
 * Parses and checks a `.po` file. Throws one DataError for the whole file (nothing is taken from
 * a file with any problem): the first problem in the message, every other one in `details`.
 */
export function parsePo(text: string, file: string): PoCatalog {
  const parsed = parseText(text, file);
  const language = headerLanguage(parsed.headers, file);
  const entries = new Map<MsgId, CatalogMessage>();
  const problems: string[] = [];
  for (const item of itemsOf(parsed.translations)) {
    const msgid = item.msgid;
    if (item.msgctxt || !isMsgId(msgid)) {
      const context = item.msgctxt ? ` (msgctxt "${item.msgctxt}")` : "";
      problems.push(`unknown msgid "${msgid}"${context}: not an email string`);
      continue;
    }
    if (!isTranslated(item)) continue;
    const checked = check(msgid, item, language);
    if ("problem" in checked) problems.push(checked.problem);
    else entries.set(msgid, checked.entry);
  }
  if (problems.length > 0) {
    throw new DataError(
      `Cannot import "${file}": ${problems[0]}`,
      problems.slice(1),
    );
  }
  return { language, entries };
}

/** The `.po` entry of one msgid: its translation, or empty `msgstr` forms when there is none. */
function poEntry(
  msgid: MsgId,
  language: string,
  translation: CatalogMessage | undefined,
): GetTextTranslation {
  const english = en[msgid];
  const names = placeholders(msgid);
  const comments = names.length === 0 ? {} : {
    comments: {
      extracted: `Keep the placeholders: ${
        names.map((name) => `{${name}}`).join(", ")
      }`,
    },
  };
  if (typeof english === "string") {
    const text = typeof translation === "string" ? translation : "";
    return { msgid, msgstr: [text], ...comments };
  }
  const forms = translation && typeof translation !== "string"
    ? entryToForms(language, translation)
    : entryToForms(language, { other: "" });
  return { msgid, msgid_plural: english.other, msgstr: forms, ...comments };
}

/**
 * A `.po` file of every email string for `language`, in catalog order: headers (Language,
 * UTF-8 Content-Type, Plural-Forms of the language), then each msgid with its translation from
 * `lookup`, or an empty `msgstr` when it has none.
 */
export function writePo(
  language: string,
  lookup: (msgid: MsgId) => CatalogMessage | undefined,
): string {
  const tag = normalizeLanguage(language);
  const items: Record<string, GetTextTranslation> = {
    "": { msgid: "", msgstr: [""] },
  };
  for (const msgid of Object.keys(en) as MsgId[]) {
    items[msgid] = poEntry(msgid, tag, lookup(msgid));
  }
  const compiled = po.compile({
    charset: "utf-8",
    headers: {
      "Project-Id-Version": "schedules emails",
      "Language": gettextLanguage(tag),
      "MIME-Version": "1.0",
      "Content-Type": "text/plain; charset=UTF-8",
      "Content-Transfer-Encoding": "8bit",
      "Plural-Forms": pluralFormsHeader(tag),
    },
    translations: { "": items },
  });
  return `${compiled.toString("utf8")}\n`;
}
