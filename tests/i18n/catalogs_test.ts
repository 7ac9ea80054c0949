/**
 * The shipped catalogs (templates/i18n): every language complete, placeholders identical to the
 * msgid's, the plural categories `Intl.PluralRules` needs, and the language matching.
 */
import assert from "node:assert/strict";
import {
  catalogChain,
  en,
  findEntry,
  formatNumber,
  hasStrayBrace,
  languageChain,
  placeholders,
  pluralCategories,
  SHIPPED_CATALOGS,
  t,
  translator,
} from "../../templates/i18n/mod.ts";

const MSGIDS = Object.keys(en);

Deno.test("SHIPPED_CATALOGS ships English, Spanish, French, Brazilian Portuguese and Arabic", () => {
  assert.deepEqual(Object.keys(SHIPPED_CATALOGS).sort(), [
    "ar",
    "en",
    "es",
    "fr",
    "pt-br",
  ]);
});

for (const [language, catalog] of Object.entries(SHIPPED_CATALOGS)) {
  Deno.test(`the ${language} catalog has every msgid and no other`, () => {
    assert.deepEqual(Object.keys(catalog).sort(), [...MSGIDS].sort());
  });

  Deno.test(`the ${language} catalog keeps the placeholders of every msgid`, () => {
    const problems: string[] = [];
    for (const [msgid, entry] of Object.entries(catalog)) {
      const forms = typeof entry === "string" ? [entry] : Object.values(entry);
      for (const form of forms) {
        if (
          placeholders(form).join() !== placeholders(msgid).join() ||
          hasStrayBrace(form) || form.trim() === ""
        ) problems.push(`${msgid} → ${form}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  Deno.test(`the ${language} catalog has exactly the plural categories of Intl.PluralRules("${language}")`, () => {
    const wanted = pluralCategories(language);
    for (const [msgid, entry] of Object.entries(catalog)) {
      const english = en[msgid as keyof typeof en];
      assert.equal(typeof entry, typeof english, msgid);
      if (typeof entry === "string") continue;
      assert.deepEqual(Object.keys(entry).sort(), [...wanted].sort(), msgid);
    }
  });
}

Deno.test("translated catalogs differ from English in every string", () => {
  for (const [language, catalog] of Object.entries(SHIPPED_CATALOGS)) {
    if (language === "en") continue;
    const same = MSGIDS.filter((msgid) =>
      JSON.stringify(catalog[msgid]) ===
        JSON.stringify(en[msgid as keyof typeof en])
    );
    assert.deepEqual(same, [], language);
  }
});

Deno.test("pluralCategories() lists Intl's categories in CLDR order", () => {
  assert.deepEqual(pluralCategories("en"), ["one", "other"]);
  assert.deepEqual(pluralCategories("es"), ["one", "many", "other"]);
  assert.deepEqual(pluralCategories("ar"), [
    "zero",
    "one",
    "two",
    "few",
    "many",
    "other",
  ]);
  assert.deepEqual(pluralCategories("ja"), ["other"]);
  assert.deepEqual(pluralCategories("not a tag"), ["one", "other"]);
});

Deno.test("languageChain() tries the exact tag, the base language, then other variants of it", () => {
  const shipped = Object.keys(SHIPPED_CATALOGS);
  assert.deepEqual(languageChain("es-419", shipped), ["es-419", "es"]);
  assert.deepEqual(languageChain("pt_BR", shipped), ["pt-br", "pt"]);
  assert.deepEqual(languageChain("pt", shipped), ["pt", "pt-br"]);
  assert.deepEqual(languageChain("PT-pt", shipped), ["pt-pt", "pt", "pt-br"]);
  assert.deepEqual(languageChain("ar-SA", shipped), ["ar-sa", "ar"]);
  assert.deepEqual(languageChain("", shipped), ["en"]);
});

Deno.test("catalogChain() puts overrides before the shipped strings at each tag, English last", () => {
  const override = { "Keep learning": "Sigue así" };
  const chain = catalogChain("es-mx", { es: override });
  assert.equal(chain[0], override);
  assert.equal(chain[1], SHIPPED_CATALOGS["es"]);
  assert.equal(chain.at(-1), en);
  assert.equal(findEntry(chain, "Keep learning"), "Sigue así");
  assert.equal(findEntry(chain, "My Account"), "Mi cuenta");
  const withoutEnglish = catalogChain("de", {}, { english: false });
  assert.deepEqual(withoutEnglish, []);
  assert.equal(findEntry(withoutEnglish, "My Account"), undefined);
});

Deno.test("translator() tries the fallback language, string by string, before English", () => {
  const german = { de: { "Keep learning": "Weiterlernen" } };
  const i18n = translator("de-AT", german, "fr");
  assert.equal(i18n.language, "de-at");
  assert.equal(i18n.t("Keep learning"), "Weiterlernen");
  assert.equal(i18n.t("My Account"), "Mon compte");
  assert.equal(translator("de-AT", german).t("My Account"), "My Account");
  assert.equal(
    catalogChain("de", german, { fallback: "pt_BR" }).at(-1),
    SHIPPED_CATALOGS["en"],
  );
});

Deno.test("t() renders the shipped languages with their plural forms", () => {
  const msgid = "You are eligible to upgrade in this course:";
  assert.equal(
    t("ar", msgid, { count: 2 }),
    "يمكنك الترقية في هاتين الدورتين:",
  );
  assert.equal(t("ar", msgid, { count: 1 }), "يمكنك الترقية في هذه الدورة:");
  assert.equal(
    t("es", msgid, { count: 1 }),
    "Puedes actualizar tu inscripción en este curso:",
  );
  assert.equal(t("fr", msgid, { count: 0 }), t("fr", msgid, { count: 1 }));
  assert.equal(
    t("pt-br", "Welcome to week {week_num}", { week_num: "4" }),
    "Boas-vindas à semana 4",
  );
});

Deno.test("formatNumber() writes whole numbers without grouping in the language's digits", () => {
  assert.equal(formatNumber(2026, "en"), "2026");
  assert.equal(formatNumber(2026, "fr"), "2026");
  assert.equal(formatNumber(3, "ar-EG"), "٣");
  assert.equal(formatNumber(12, "not a tag"), "12");
});

Deno.test("hasStrayBrace() finds braces outside placeholders", () => {
  assert.equal(hasStrayBrace("Hello {course_name}!"), false);
  assert.equal(hasStrayBrace("Hello {course_name"), true);
  assert.equal(hasStrayBrace("Hello {{course_name}}"), true);
  assert.equal(hasStrayBrace("Hello {course name}"), true);
});
