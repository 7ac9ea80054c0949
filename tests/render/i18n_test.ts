/** Tests of templates/i18n: catalog lookup per language, plural forms and placeholders. */
import assert from "node:assert/strict";
import { h } from "preact";
import {
  en,
  isMsgId,
  placeholders,
  t,
  translator,
} from "../../templates/i18n/mod.ts";

Deno.test("t() fills placeholders of the English catalog", () => {
  assert.equal(
    t("en", "Keep learning in {course_name}", { course_name: "Python 101" }),
    "Keep learning in Python 101",
  );
  assert.equal(
    t("en", "Welcome to week {week_num}", { week_num: 4 }),
    "Welcome to week 4",
  );
});

Deno.test("t() picks the plural form for values.count", () => {
  const msgid = "You are eligible to upgrade in this course:";
  assert.equal(
    t("en", msgid, { count: 1 }),
    "You are eligible to upgrade in this course:",
  );
  assert.equal(
    t("en", msgid, { count: 3 }),
    "You are eligible to upgrade in these courses:",
  );
  assert.equal(t("en", msgid), "You are eligible to upgrade in these courses:");
});

Deno.test("t() falls back to English for a language without a catalog", () => {
  assert.equal(t("de_CH", "Upgrade now"), "Upgrade now");
  assert.equal(translator("de_CH").language, "de-ch");
});

Deno.test("translator() looks strings up by exact tag, base language, then English", () => {
  const i18n = translator("de-CH", {
    "de-ch": { "Upgrade now": "Jetzt upgraden" },
    de: { "Keep learning": "Weiterlernen", "Upgrade now": "(de)" },
  });
  assert.equal(i18n.t("Upgrade now"), "Jetzt upgraden");
  assert.equal(i18n.t("Keep learning"), "Weiterlernen");
  assert.equal(i18n.t("Upgrade Now"), "Upgrade Now");
});

Deno.test("translator() serves a regional tag from the shipped catalog of its language", () => {
  assert.equal(t("pt_BR", "Upgrade now"), "Fazer o upgrade agora");
  assert.equal(t("es-419", "Keep learning"), "Sigue aprendiendo");
  // No "pt" or "pt-pt" catalog: the Brazilian one is the best match.
  assert.equal(t("pt-PT", "Keep learning"), "Continuar aprendendo");
  assert.equal(t("ar-SA", "My Account"), "حسابي");
});

Deno.test("translator() uses the language's plural rules for imported plural entries", () => {
  const i18n = translator("pl", {
    pl: {
      "You are eligible to upgrade in this course:": {
        one: "jeden",
        few: "kilka",
        many: "wiele",
        other: "inne",
      },
    },
  });
  const msgid = "You are eligible to upgrade in this course:";
  assert.deepEqual(
    [1, 3, 5, 22].map((count) => i18n.t(msgid, { count })),
    ["jeden", "kilka", "wiele", "kilka"],
  );
});

Deno.test("translator().rich() keeps JSX values as nodes", () => {
  const bold = h("strong", null, "Python 101");
  const parts = translator("en").rich("Keep learning in {course_name}", {
    course_name: bold,
  });
  assert.equal(parts.length, 2);
  assert.equal(parts[0], "Keep learning in ");
  assert.equal(parts[1], bold);
});

Deno.test("t() throws for a missing placeholder value instead of writing undefined", () => {
  assert.throws(
    () => t("en", "Keep learning in {course_name}", {}),
    /no value for \{course_name\}/,
  );
});

Deno.test("placeholders() lists the names of a string; isMsgId() knows the catalog", () => {
  assert.deepEqual(
    placeholders("An {platform_name} x {first_course_name} {platform_name}"),
    ["first_course_name", "platform_name"],
  );
  assert.equal(isMsgId("My Account"), true);
  assert.equal(isMsgId("Catalog"), false);
  for (const [msgid, entry] of Object.entries(en)) {
    const english = typeof entry === "string" ? entry : entry.other;
    assert.deepEqual(placeholders(english), placeholders(msgid), msgid);
  }
});
