/** Tests of src/i18n/po.ts: reading and writing `.po` files of the email catalog. */
import assert from "node:assert/strict";
import { po } from "gettext-parser";
import { DataError } from "../../src/errors.ts";
import { gettextLanguage, parsePo, writePo } from "../../src/i18n/po.ts";
import { en, SHIPPED_CATALOGS } from "../../templates/i18n/mod.ts";
import { PLURAL_MSGID, PLURAL_OTHER, poFile } from "./_po.ts";

/** Asserts that `fn` throws a DataError whose message matches `pattern`. */
function assertDataError(fn: () => unknown, pattern: RegExp): DataError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof DataError, `expected a DataError, got ${caught}`);
  assert.match(caught.message, pattern);
  return caught;
}

Deno.test("parsePo() reads the language and the translated entries", () => {
  const catalog = parsePo(
    poFile("pt_BR", [
      { msgid: "Keep learning", msgstr: "Bora aprender" },
      {
        msgid: "Keep learning in {course_name}",
        msgstr: "Siga em {course_name}",
      },
    ]),
    "pt.po",
  );
  assert.equal(catalog.language, "pt-br");
  assert.deepEqual([...catalog.entries], [
    ["Keep learning", "Bora aprender"],
    ["Keep learning in {course_name}", "Siga em {course_name}"],
  ]);
});

Deno.test("parsePo() skips empty and fuzzy entries", () => {
  const catalog = parsePo(
    poFile("fr", [
      { msgid: "Keep learning", msgstr: "" },
      { msgid: "My Account", msgstr: "Mon espace", flags: "fuzzy" },
      { msgid: "Upgrade now", msgstr: "Améliorer" },
      {
        msgid: PLURAL_MSGID,
        plural: { msgid_plural: PLURAL_OTHER, forms: ["un", "", "plusieurs"] },
      },
    ]),
    "fr.po",
  );
  assert.deepEqual([...catalog.entries.keys()], ["Upgrade now"]);
});

Deno.test("parsePo() maps plural forms onto the language's CLDR categories", () => {
  const catalog = parsePo(
    poFile("ar", [{
      msgid: PLURAL_MSGID,
      plural: {
        msgid_plural: PLURAL_OTHER,
        forms: ["صفر", "واحدة", "اثنتان", "قليل", "كثير", "أخرى"],
      },
    }]),
    "ar.po",
  );
  assert.deepEqual(catalog.entries.get(PLURAL_MSGID), {
    zero: "صفر",
    one: "واحدة",
    two: "اثنتان",
    few: "قليل",
    many: "كثير",
    other: "أخرى",
  });
});

Deno.test("parsePo() refuses a file without a Language header", () => {
  assertDataError(
    () =>
      parsePo(poFile(null, [{ msgid: "Keep learning", msgstr: "x" }]), "x.po"),
    /^Cannot import "x\.po": it has no "Language:" header/,
  );
  assertDataError(
    () => parsePo(poFile("not a language", []), "x.po"),
    /"Language: not a language" is not a language tag/,
  );
});

Deno.test("parsePo() refuses text that is not a .po file", () => {
  assertDataError(
    () => parsePo('msgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\n', "dup.po"),
    /^Cannot import "dup\.po": not a valid \.po file/,
  );
});

Deno.test("parsePo() refuses an unknown msgid, naming it", () => {
  assertDataError(
    () =>
      parsePo(
        poFile("fr", [{ msgid: "Keep learnin", msgstr: "Continuez" }]),
        "fr.po",
      ),
    /^Cannot import "fr\.po": unknown msgid "Keep learnin"/,
  );
  assertDataError(
    () =>
      parsePo(
        poFile("fr", [{ msgid: "My Account", msgstr: "x", msgctxt: "menu" }]),
        "fr.po",
      ),
    /unknown msgid "My Account" \(msgctxt "menu"\)/,
  );
});

Deno.test("parsePo() refuses a missing, added or renamed placeholder, naming the msgid and language", () => {
  const msgid = "Keep learning in {course_name}";
  for (
    const msgstr of [
      "Continuez",
      "Continuez dans {course_name} sur {platform_name}",
      "Continuez dans {course}",
    ]
  ) {
    assertDataError(
      () => parsePo(poFile("fr", [{ msgid, msgstr }]), "fr.po"),
      /^Cannot import "fr\.po": the fr translation of "Keep learning in \{course_name\}" has placeholders .* but the msgid has \{course_name\}$/,
    );
  }
  assertDataError(
    () =>
      parsePo(poFile("fr", [{ msgid, msgstr: "{{course_name}}" }]), "fr.po"),
    /the fr translation of "Keep learning in \{course_name\}" has a "\{" or "\}"/,
  );
});

Deno.test("parsePo() checks every plural form and reports every problem of the file", () => {
  const error = assertDataError(
    () =>
      parsePo(
        poFile("es", [
          { msgid: "Keep learning in {course_name}", msgstr: "Sigue" },
          {
            msgid: PLURAL_MSGID,
            plural: {
              msgid_plural: PLURAL_OTHER,
              forms: ["uno", "muchos {count}", "varios"],
            },
          },
          { msgid: "Unknown", msgstr: "Desconocido" },
        ]),
        "es.po",
      ),
    /the es translation of "Keep learning in \{course_name\}"/,
  );
  assert.equal(error.details.length, 2);
  assert.match(
    error.details[0] ?? "",
    /the es translation of "You are eligible/,
  );
  assert.match(error.details[1] ?? "", /unknown msgid "Unknown"/);
});

Deno.test("parsePo() refuses plural forms on a singular msgid and too many forms", () => {
  assertDataError(
    () =>
      parsePo(
        poFile("en", [{
          msgid: "My Account",
          plural: { msgid_plural: "My Accounts", forms: ["a", "b"] },
        }]),
        "en.po",
      ),
    /"My Account" has no plural forms/,
  );
  assertDataError(
    () =>
      parsePo(poFile("en", [{ msgid: PLURAL_MSGID, msgstr: "x" }]), "en.po"),
    /"You are eligible to upgrade in this course:" has plural forms/,
  );
  assertDataError(
    () =>
      parsePo(
        poFile("ja", [{
          msgid: PLURAL_MSGID,
          plural: { msgid_plural: PLURAL_OTHER, forms: ["a", "b"] },
        }], "nplurals=2; plural=(n != 1);"),
        "ja.po",
      ),
    /has 2 plural forms but ja has 1 \(nplurals=1; plural=0;\)/,
  );
});

Deno.test("parsePo() refuses plural entries whose form count differs from Plural-Forms", () => {
  const entries = [{
    msgid: PLURAL_MSGID,
    plural: { msgid_plural: PLURAL_OTHER, forms: ["a", "b", "c"] },
  }];
  assertDataError(
    () => parsePo(poFile("es", entries, null), "es.po"),
    /^Cannot import "es\.po": not a valid \.po file \(Plural forms range error/,
  );
  assertDataError(
    () =>
      parsePo(poFile("es", entries, "nplurals=2; plural=(n != 1);"), "es.po"),
    /Expected to find 2 forms but got 3/,
  );
});

Deno.test("parsePo() reads a file written with gettext's older, shorter plural rule", () => {
  const catalog = parsePo(
    poFile("fr", [{
      msgid: PLURAL_MSGID,
      plural: { msgid_plural: PLURAL_OTHER, forms: ["ce cours", "ces cours"] },
    }], "nplurals=2; plural=(n > 1);"),
    "fr.po",
  );
  assert.deepEqual(catalog.entries.get(PLURAL_MSGID), {
    one: "ce cours",
    many: "ces cours",
    other: "ces cours",
  });
});

Deno.test("gettextLanguage() writes tags the gettext way", () => {
  assert.equal(gettextLanguage("pt-br"), "pt_BR");
  assert.equal(gettextLanguage("es-419"), "es_419");
  assert.equal(gettextLanguage("zh-hans"), "zh_Hans");
  assert.equal(gettextLanguage("ar"), "ar");
});

Deno.test("writePo() writes every msgid with headers that gettext-parser reads back", () => {
  const text = writePo("fr", (msgid) => SHIPPED_CATALOGS["fr"]?.[msgid]);
  const parsed = po.parse(text);
  assert.equal(parsed.headers["Language"], "fr");
  assert.match(parsed.headers["Content-Type"] ?? "", /charset=utf-8/i);
  assert.match(parsed.headers["Plural-Forms"] ?? "", /^nplurals=3; /);
  const items = parsed.translations[""] ?? {};
  assert.deepEqual(
    Object.keys(items).filter((id) => id !== ""),
    Object.keys(en),
  );
  assert.deepEqual(items["My Account"]?.msgstr, ["Mon compte"]);
  assert.equal(items[PLURAL_MSGID]?.msgid_plural, PLURAL_OTHER);
  assert.equal(items[PLURAL_MSGID]?.msgstr.length, 3);
  assert.match(
    items["Keep learning in {course_name}"]?.comments?.extracted ?? "",
    /Keep the placeholders: \{course_name\}/,
  );
});

Deno.test("writePo() leaves msgstr empty for strings without a translation", () => {
  const text = writePo("de", () => undefined);
  const items = po.parse(text).translations[""] ?? {};
  assert.deepEqual(items["My Account"]?.msgstr, [""]);
  assert.deepEqual(items[PLURAL_MSGID]?.msgstr, ["", ""]);
  assert.deepEqual([...parsePo(text, "de.po").entries], []);
});
