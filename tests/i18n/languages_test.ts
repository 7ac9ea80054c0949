/**
 * Every email in every shipped language (templates/i18n through src/render/render.ts): valid
 * HTML, no English sentence left in a translated email, the message language's dates and
 * numbers, and golden files for Arabic (non-Latin script and right-to-left).
 */
import assert from "node:assert/strict";
import { en, SHIPPED_CATALOGS } from "../../templates/i18n/mod.ts";
import { parseMessage } from "../../templates/i18n/catalog.ts";
import type { RenderedEmail } from "../../src/render/types.ts";
import { assertGolden } from "../_support/golden.ts";
import { MESSAGE_NAMES, type MessageName } from "../render/_inputs.ts";
import {
  htmlDocument,
  htmlProblems,
  renderIn,
  textDocument,
} from "./_support.ts";

const VARIANTS = ["single", "multi"] as const;
const TRANSLATED = Object.keys(SHIPPED_CATALOGS).filter((tag) => tag !== "en");
const RTL_TAGS = new Set(["ar", "he"]);

/** Every rendered field of an email as one text. */
function allText(email: RenderedEmail): string {
  return [
    email.subject,
    email.from_name,
    email.head_html,
    email.body_html,
    email.body,
  ].join("\n").replaceAll("&#39;", "'").replaceAll("&amp;", "&");
}

/**
 * The English sentences to look for: the literal pieces of every English catalog string between
 * placeholders, trimmed, kept when they are words (a piece like " of " or "!" says nothing).
 */
function englishPieces(): string[] {
  const pieces = new Set<string>();
  for (const entry of Object.values(en)) {
    const texts = typeof entry === "string" ? [entry] : Object.values(entry);
    for (const text of texts) {
      for (const part of parseMessage(text)) {
        if (typeof part !== "string") continue;
        const piece = part.trim().replace(/^[,.!?:]+|[,.!?:]+$/g, "").trim();
        if (/\s/.test(piece) || piece.length >= 5) pieces.add(piece);
      }
    }
  }
  return [...pieces];
}

/** The English pieces found in a text, as whole words (a piece inside a longer word is not one). */
function leaksIn(text: string, pieces: readonly string[]): string[] {
  return pieces.filter((piece) =>
    new RegExp(`(?<![\\p{L}-])${RegExp.escape(piece)}(?![\\p{L}-])`, "u")
      .test(text)
  );
}

Deno.test("leaksIn() finds the English catalog's sentences in an English email (the check is not vacuous)", () => {
  const pieces = englishPieces();
  assert.ok(pieces.includes("Keep learning today"));
  assert.ok(pieces.includes("Weekly Update"));
  assert.ok(pieces.includes("Email"));
  assert.ok(!pieces.includes("of"));
  const english = allText(renderIn("upgradereminder", "multi", "en"));
  const found = leaksIn(english, pieces);
  assert.ok(found.includes("You are eligible to upgrade in these courses"));
  assert.ok(found.includes("Email"));
  assert.deepEqual(leaksIn("E-mail da plataforma", ["Email"]), []);
});

for (const language of TRANSLATED) {
  Deno.test(`renderEmail() leaves no English sentence in a ${language} email`, () => {
    const pieces = englishPieces();
    const leaks: string[] = [];
    for (const name of MESSAGE_NAMES) {
      for (const variant of VARIANTS) {
        const text = allText(renderIn(name, variant, language));
        for (const piece of leaksIn(text, pieces)) {
          leaks.push(`${name}.${variant}: "${piece}"`);
        }
      }
    }
    assert.deepEqual(leaks, []);
  });
}

Deno.test("renderEmail() writes valid HTML for every email in every shipped language and Hebrew", async () => {
  const problems: string[] = [];
  for (const language of [...Object.keys(SHIPPED_CATALOGS), "he"]) {
    for (const name of MESSAGE_NAMES) {
      for (const variant of VARIANTS) {
        const email = renderIn(name, variant, language);
        const document = htmlDocument(
          email,
          language,
          RTL_TAGS.has(language),
        );
        problems.push(
          ...await htmlProblems(document, `${language} ${name}.${variant}`),
        );
      }
    }
  }
  assert.deepEqual(problems, []);
});

Deno.test("renderEmail() translates subject, from-name, body and footer of a Spanish email", () => {
  const email = renderIn("recurringnudge_day3", "single", "es");
  assert.equal(email.subject, "Sigue aprendiendo en Demonstration Course");
  assert.equal(email.from_name, "Demonstration Course");
  assert.match(email.body_html, /<h1[^>]*>Sigue aprendiendo hoy\.<\/h1>/);
  assert.match(
    email.body_html,
    /¿Recuerdas cuando te inscribiste en <strong>Demonstration Course<\/strong> en Example Academy\?/,
  );
  assert.match(email.body_html, />Mi cuenta<\/a>/);
  assert.match(email.body_html, /Todos los derechos reservados\./);
  // Upstream's lower-cased Spanish date.
  assert.match(email.body, /antes del 8 de agosto de 2026\./);
  assert.match(email.head_html, /<title lang="es">Correo electrónico de/);
});

Deno.test("renderEmail() picks the plural form of the course list with the language's rules", () => {
  const lists: Record<string, string> = {
    en: "You are eligible to upgrade in these courses:",
    es: "Puedes actualizar tu inscripción en estos cursos:",
    fr: "Vous pouvez passer au parcours vérifié dans ces cours\u00a0:",
    "pt-br": "Você pode fazer o upgrade nestes cursos:",
    ar: "يمكنك الترقية في هذه الدورات:",
  };
  for (const [language, heading] of Object.entries(lists)) {
    const email = renderIn("upgradereminder", "multi", language);
    assert.ok(email.body_html.includes(heading), language);
  }
});

Deno.test("renderEmail() writes dates and numbers in the message language", () => {
  const french = renderIn("courseupdate", "single", "fr");
  assert.equal(french.subject, "Bienvenue dans la semaine 3");
  assert.match(french.body, /avant le 8 août 2026\./);
  const brazil = renderIn("recurringnudge_day10", "single", "pt_BR");
  assert.match(brazil.body, /até 8 de agosto de 2026\./);
  const arabic = renderIn("recurringnudge_day3", "single", "ar");
  assert.match(arabic.body, /بحلول 8 أغسطس 2026\./);
  const english = renderIn("recurringnudge_day3", "single", "en");
  assert.match(english.body, /Upgrade by Aug\. 8, 2026\./);
});

Deno.test("renderEmail() mirrors the layout of a right-to-left email", () => {
  const email = renderIn("upgradereminder", "multi", "ar").body_html;
  assert.match(email, /<div class="preheader" lang="ar" dir="rtl"/);
  assert.match(email, /<div class="email-bg" lang="ar" dir="rtl"/);
  assert.match(email, /<table class="content"[^>]* dir="rtl"/);
  // The card and footer text start on the right, for clients that drop `dir`.
  assert.match(email, /<td class="main"[^>]*style="[^"]*text-align:right;"/);
  assert.match(email, /<td class="footer" style="[^"]*text-align:right;"/);
  // Logo on the right, header links on the left.
  assert.match(email, /<td class="logo" align="right"/);
  assert.match(email, /<td class="header-links" align="left"/);
  // List bullets and their indent on the right.
  assert.match(email, /<ul style="margin:0 0 16px 0;padding:0 24px 0 0;">/);
  // Buttons on the right; social icons on the right; store badges spaced on the left.
  assert.match(
    email,
    /<table class="button"[^>]*style="margin:8px 0 24px auto;"/,
  );
  assert.match(email, /<table role="presentation" align="right"/);
  assert.match(
    email,
    /<td style="padding:0 0 0 10px;"><a href="https:\/\/apps/,
  );
  const hebrew = renderIn("courseupdate", "single", "he").body_html;
  assert.match(hebrew, /lang="he" dir="rtl"/);
  assert.match(hebrew, /padding:0 24px 0 0;/);
});

Deno.test("renderEmail() keeps the left-to-right layout for other languages", () => {
  for (const language of ["en", "es", "fr", "pt-br"]) {
    const email = renderIn("upgradereminder", "multi", language).body_html;
    assert.match(email, /dir="ltr"/, language);
    assert.doesNotMatch(email, /dir="rtl"|text-align:right/, language);
    assert.match(email, /<ul style="margin:0 0 16px 0;padding:0 0 0 24px;">/);
    assert.match(email, /<td class="logo" align="left"/);
  }
});

/** The Arabic golden files: two single emails, the course list and the highlights list. */
const ARABIC: readonly [MessageName, "single" | "multi"][] = [
  ["recurringnudge_day3", "single"],
  ["upgradereminder", "single"],
  ["upgradereminder", "multi"],
  ["courseupdate", "single"],
];

for (const [name, variant] of ARABIC) {
  Deno.test(`renderEmail() matches the Arabic ${name}.${variant} golden files`, async () => {
    const email = renderIn(name, variant, "ar");
    const base = new URL(`../golden/${name}.${variant}.ar`, import.meta.url);
    const document = htmlDocument(email, "ar", true);
    await assertGolden(new URL(`${base.href}.html`), document);
    await assertGolden(new URL(`${base.href}.txt`), textDocument(email));
    assert.deepEqual(await htmlProblems(document, `ar ${name}.${variant}`), []);
  });
}
