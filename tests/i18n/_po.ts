/** Builders of `.po` texts for the translation tests. */
import { pluralFormsHeader } from "../../src/i18n/plural_forms.ts";

/** One `.po` entry: a msgid with one msgstr, or with plural forms. */
export interface PoEntry {
  msgid: string;
  msgstr?: string;
  plural?: { msgid_plural: string; forms: string[] };
  flags?: string;
  msgctxt?: string;
}

/** A string as a `.po` quoted string. */
function quote(text: string): string {
  return `"${
    text.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")
  }"`;
}

/**
 * A `.po` file with a header and the entries: `Language:` unless `language` is null,
 * `Plural-Forms:` as given, else the language's (none when null).
 */
export function poFile(
  language: string | null,
  entries: PoEntry[],
  pluralForms: string | null = language && pluralFormsHeader(language),
): string {
  const header = [
    'msgid ""',
    'msgstr ""',
    '"Content-Type: text/plain; charset=UTF-8\\n"',
    ...(language === null ? [] : [`"Language: ${language}\\n"`]),
    ...(pluralForms ? [`"Plural-Forms: ${pluralForms}\\n"`] : []),
  ].join("\n");
  const blocks = entries.map((entry) => {
    const lines: string[] = [];
    if (entry.flags) lines.push(`#, ${entry.flags}`);
    if (entry.msgctxt) lines.push(`msgctxt ${quote(entry.msgctxt)}`);
    lines.push(`msgid ${quote(entry.msgid)}`);
    if (entry.plural) {
      lines.push(`msgid_plural ${quote(entry.plural.msgid_plural)}`);
      entry.plural.forms.forEach((form, i) =>
        lines.push(`msgstr[${i}] ${quote(form)}`)
      );
    } else lines.push(`msgstr ${quote(entry.msgstr ?? "")}`);
    return lines.join("\n");
  });
  return [header, ...blocks].join("\n\n") + "\n";
}

/** The plural msgid of the catalog and its English plural. */
export const PLURAL_MSGID = "You are eligible to upgrade in this course:";
/** The English plural of `PLURAL_MSGID`. */
export const PLURAL_OTHER = "You are eligible to upgrade in these courses:";
