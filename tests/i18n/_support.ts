/**
 * Helpers of the translation tests: rendering a golden-fixture email in a language (with the
 * deadline formatted for it, as the resolvers do), the golden document shapes, and the
 * html-validate setup of tests/render/golden_test.ts.
 */
import { HtmlValidate } from "html-validate";
import { formatDate } from "../../src/render/dates.ts";
import { renderEmail, type RenderOptions } from "../../src/render/render.ts";
import type { EmailInput, RenderedEmail } from "../../src/render/types.ts";
import { goldenInput, type MessageName } from "../render/_inputs.ts";

/** The upgrade deadline of the fixtures (8 August 2026, UTC). */
export const DEADLINE = Date.UTC(2026, 7, 8, 12);

/** The golden fixture of a message in `language`, its deadline formatted in that language. */
export function inputIn(
  name: MessageName,
  variant: "single" | "multi",
  language: string,
): EmailInput {
  const input = goldenInput(name, variant);
  input.message = { ...input.message, language };
  if (input.context.user_schedule_upgrade_deadline_time !== undefined) {
    input.context = {
      ...input.context,
      user_schedule_upgrade_deadline_time: formatDate(DEADLINE, language),
    };
  }
  return input;
}

/** Renders the golden fixture of a message in `language`. */
export function renderIn(
  name: MessageName,
  variant: "single" | "multi",
  language: string,
  options: RenderOptions = {},
): RenderedEmail {
  return renderEmail(inputIn(name, variant, language), options);
}

const BLOCK_START =
  />(?=<(?:\/?(?:table|tr|td|ul|li|div|h1|p)[\s>]|meta|title|style|span id|!--))/g;

/** The HTML golden: a full document, one block-level tag per line (as tests/render does). */
export function htmlDocument(
  email: RenderedEmail,
  language: string,
  rtl: boolean,
): string {
  const lines = (html: string) => html.replace(BLOCK_START, ">\n");
  const dir = rtl ? ' dir="rtl"' : "";
  return `<!DOCTYPE html>\n<html lang="${language}"${dir}>\n<head>\n${
    lines(email.head_html)
  }\n</head>\n<body>\n${lines(email.body_html)}\n</body>\n</html>\n`;
}

/** The text golden: subject, from-name, then the text part. */
export function textDocument(email: RenderedEmail): string {
  return `subject: ${email.subject}\nfrom_name: ${email.from_name}\n\n${email.body}\n`;
}

/**
 * html-validate's standard preset minus the deprecated-attribute rule (Outlook reads
 * `cellpadding`, `align`, `bgcolor`…), as for the English golden files.
 */
export const validator = new HtmlValidate({
  extends: ["html-validate:standard"],
  rules: { "no-deprecated-attr": "off" },
});

/** The html-validate messages of a document, one line each (empty when valid). */
export async function htmlProblems(
  document: string,
  label: string,
): Promise<string[]> {
  const report = await validator.validateString(document);
  return report.results.flatMap((result) =>
    result.messages.map((m) => `${label}:${m.line}: ${m.ruleId} ${m.message}`)
  );
}
