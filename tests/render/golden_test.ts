/**
 * Golden files of the five messages (single and multi variants) and their HTML validity. The
 * HTML golden is the head and body wrapped in a document, one block element per line so a
 * template change shows as a readable diff; the text golden holds subject, from-name and the
 * text part.
 */
import assert from "node:assert/strict";
import { HtmlValidate } from "html-validate";
import { renderEmail } from "../../src/render/render.ts";
import type { RenderedEmail } from "../../src/render/types.ts";
import { assertGolden } from "../_support/golden.ts";
import { goldenInput, MESSAGE_NAMES } from "./_inputs.ts";

const VARIANTS = ["single", "multi"] as const;
const BLOCK_START =
  />(?=<(?:\/?(?:table|tr|td|ul|li|div|h1|p)[\s>]|meta|title|style|span id|!--))/g;

/** One block-level tag per line (whitespace between these tags does not change the layout). */
function breakTags(html: string): string {
  return html.replace(BLOCK_START, ">\n");
}

/** The HTML golden: a full document around the rendered head and body. */
function htmlDocument(email: RenderedEmail): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n${
    breakTags(email.head_html)
  }\n</head>\n<body>\n${breakTags(email.body_html)}\n</body>\n</html>\n`;
}

/** The text golden: subject, from-name, then the text part. */
function textDocument(email: RenderedEmail): string {
  return `subject: ${email.subject}\nfrom_name: ${email.from_name}\n\n${email.body}\n`;
}

for (const name of MESSAGE_NAMES) {
  for (const variant of VARIANTS) {
    Deno.test(`renderEmail() matches the ${name}.${variant} golden files`, async () => {
      const email = renderEmail(goldenInput(name, variant));
      const base = new URL(`../golden/${name}.${variant}`, import.meta.url);
      await assertGolden(new URL(`${base.href}.html`), htmlDocument(email));
      await assertGolden(new URL(`${base.href}.txt`), textDocument(email));
    });
  }
}

/**
 * html-validate's standard preset, minus the deprecated-attribute rule: `cellpadding`,
 * `cellspacing`, `width`, `align`, `valign` and `bgcolor` are what Outlook's Word engine reads
 * (ecosystem.md §5.1).
 */
const validator = new HtmlValidate({
  extends: ["html-validate:standard"],
  rules: { "no-deprecated-attr": "off" },
});

Deno.test("every golden HTML document is valid HTML (html-validate:standard)", async () => {
  const problems: string[] = [];
  for (const name of MESSAGE_NAMES) {
    for (const variant of VARIANTS) {
      const file = new URL(
        `../golden/${name}.${variant}.html`,
        import.meta.url,
      );
      const report = await validator.validateString(
        await Deno.readTextFile(file),
      );
      for (const result of report.results) {
        for (const m of result.messages) {
          problems.push(
            `${name}.${variant}:${m.line}: ${m.ruleId} ${m.message}`,
          );
        }
      }
    }
  }
  assert.deepEqual(problems, []);
});

Deno.test("the golden validator reports invalid markup (the check above is not vacuous)", async () => {
  const report = await validator.validateString(
    '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div>x</div></p></body></html>',
  );
  assert.equal(report.valid, false);
});
