/**
 * Tests of src/i18n/store.ts and overrides.ts: `.po` imports stored as overrides (global or per
 * site), the effective catalog exported back, and the catalogs rendering reads.
 */
import assert from "node:assert/strict";
import { po } from "gettext-parser";
import { DataError, UsageError } from "../../src/errors.ts";
import {
  exportTranslations,
  importTranslations,
} from "../../src/i18n/store.ts";
import { loadCatalogs } from "../../src/i18n/overrides.ts";
import { parsePo } from "../../src/i18n/po.ts";
import { openStore, type Store } from "../../src/store/db.ts";
import { SHIPPED_CATALOGS } from "../../templates/i18n/mod.ts";
import { assertGolden } from "../_support/golden.ts";
import { PLURAL_MSGID, PLURAL_OTHER, poFile } from "./_po.ts";
import { renderIn, textDocument } from "./_support.ts";

const NOW = Date.UTC(2026, 6, 1);
const SITE = "courses.example.com";

/** An empty in-memory store. */
function store(): Store {
  return openStore(":memory:");
}

/** The stored rows, for asserting what an import wrote. */
function rows(db: Store): { language: string; site: string; msgid: string }[] {
  const all = db.prepare(
    "SELECT language, site, msgid FROM translations ORDER BY language, site, msgid",
  ).all() as { language: string; site: string; msgid: string }[];
  return all.map((row) => ({ ...row })); // plain objects: rows have a null prototype
}

/** Imports a French `.po` of the given msgid → msgstr pairs. */
function importFrench(
  db: Store,
  strings: Record<string, string>,
  site: string | null = null,
) {
  const entries = Object.entries(strings).map(([msgid, msgstr]) => ({
    msgid,
    msgstr,
  }));
  return importTranslations(db, poFile("fr", entries), {
    site,
    file: "fr.po",
    now: NOW,
  });
}

Deno.test("migration 003 creates the translations table, unique per language, site and msgid", () => {
  using db = store();
  const insert = db.prepare(
    "INSERT INTO translations (language, site, msgid, forms, imported_at) VALUES (?, ?, ?, ?, ?)",
  );
  insert.run("fr", "", "My Account", '"Mon compte"', NOW);
  insert.run("fr", SITE, "My Account", '"Mon espace"', NOW);
  assert.throws(
    () => insert.run("fr", "", "My Account", '"Autre"', NOW),
    /UNIQUE constraint failed/,
  );
});

Deno.test("importTranslations() stores translated entries with the import time and reports them", () => {
  using db = store();
  const result = importFrench(db, {
    "Keep learning": "Apprenez encore",
    "My Account": "",
  });
  assert.deepEqual(result, { language: "fr", imported: 1 });
  const stored = db.prepare("SELECT * FROM translations").all();
  assert.deepEqual(stored.map((row) => ({ ...row })), [{
    language: "fr",
    site: "",
    msgid: "Keep learning",
    forms: '"Apprenez encore"',
    imported_at: NOW,
  }]);
});

Deno.test("importTranslations() stores plural entries as CLDR categories", () => {
  using db = store();
  importTranslations(
    db,
    poFile("es", [{
      msgid: PLURAL_MSGID,
      plural: {
        msgid_plural: PLURAL_OTHER,
        forms: ["uno:", "muchos:", "varios:"],
      },
    }]),
    { site: null, file: "es.po", now: NOW },
  );
  assert.deepEqual(loadCatalogs(db, SITE), {
    es: { [PLURAL_MSGID]: { one: "uno:", many: "muchos:", other: "varios:" } },
  });
});

Deno.test("importTranslations() rejects a placeholder mismatch with the msgid and language, importing nothing", () => {
  using db = store();
  importFrench(db, { "Keep learning": "Apprenez encore" });
  const before = rows(db);
  const text = poFile("fr", [
    { msgid: "My Account", msgstr: "Mon espace" },
    { msgid: "Keep learning in {course_name}", msgstr: "Apprenez {cours}" },
  ]);
  assert.throws(
    () => importTranslations(db, text, { site: SITE, file: "fr.po", now: NOW }),
    (error: unknown) => {
      assert.ok(error instanceof DataError);
      assert.equal(error.exitCode, 2);
      assert.equal(
        error.message,
        'Cannot import "fr.po": the fr translation of "Keep learning in {course_name}" has placeholders {cours} but the msgid has {course_name}',
      );
      return true;
    },
  );
  assert.deepEqual(rows(db), before);
});

Deno.test("importTranslations() with dryRun checks the file and stores nothing", () => {
  using db = store();
  const text = poFile("fr", [{ msgid: "My Account", msgstr: "Mon espace" }]);
  const result = importTranslations(db, text, {
    site: null,
    file: "fr.po",
    now: NOW,
    dryRun: true,
  });
  assert.deepEqual(result, { language: "fr", imported: 1 });
  assert.deepEqual(rows(db), []);
  assert.throws(
    () =>
      importTranslations(db, poFile(null, []), {
        site: null,
        file: "x.po",
        now: NOW,
        dryRun: true,
      }),
    DataError,
  );
});

Deno.test("a site override beats a global one, which beats the shipped catalog", () => {
  using db = store();
  importFrench(db, {
    "Keep learning": "Global : continuez",
    "My Account": "Global : mon compte",
  });
  importFrench(
    db,
    { "Keep learning": "Site : continuez" },
    "Courses.Example.com",
  );
  const site = renderIn("recurringnudge_day10", "single", "fr", {
    catalogs: loadCatalogs(db, SITE),
  });
  assert.match(site.body_html, />Site : continuez<\/a>/);
  assert.match(site.body_html, />Global : mon compte<\/a>/);
  assert.equal(site.subject, "Gardez le rythme !"); // shipped
  const other = renderIn("recurringnudge_day10", "single", "fr", {
    catalogs: loadCatalogs(db, "other.example.com"),
  });
  assert.match(other.body_html, />Global : continuez<\/a>/);
  // A regional message language uses the overrides of its base language.
  const canada = renderIn("recurringnudge_day10", "single", "fr-CA", {
    catalogs: loadCatalogs(db, SITE),
  });
  assert.match(canada.body, /^Site : continuez </m);
});

Deno.test("exportTranslations() writes the effective catalog: site, then global, then shipped", () => {
  using db = store();
  importFrench(db, {
    "Keep learning": "Global",
    "My Account": "Global compte",
  });
  importFrench(db, { "Keep learning": "Site" }, SITE);
  const items = (text: string) => po.parse(text).translations[""] ?? {};
  const site = items(exportTranslations(db, "fr", SITE.toUpperCase()));
  assert.deepEqual(site["Keep learning"]?.msgstr, ["Site"]);
  assert.deepEqual(site["My Account"]?.msgstr, ["Global compte"]);
  assert.deepEqual(site["Upgrade now"]?.msgstr, ["Passer au parcours vérifié"]);
  const global = items(exportTranslations(db, "fr", null));
  assert.deepEqual(global["Keep learning"]?.msgstr, ["Global"]);
});

Deno.test("exportTranslations() leaves a language without translations empty, never English", () => {
  using db = store();
  importTranslations(
    db,
    poFile("de", [{ msgid: "My Account", msgstr: "Mein Konto" }]),
    { site: null, file: "de.po", now: NOW },
  );
  const text = exportTranslations(db, "de_DE", null);
  const parsed = po.parse(text);
  assert.equal(parsed.headers["Language"], "de_DE");
  const items = parsed.translations[""] ?? {};
  assert.deepEqual(items["My Account"]?.msgstr, ["Mein Konto"]);
  assert.deepEqual(items["Keep learning"]?.msgstr, [""]);
  assert.deepEqual(items[PLURAL_MSGID]?.msgstr, ["", ""]);
});

Deno.test("exportTranslations() refuses a malformed language", () => {
  using db = store();
  assert.throws(() => exportTranslations(db, "fr fr", null), UsageError);
});

Deno.test("import then export round-trips every shipped language", () => {
  for (const language of Object.keys(SHIPPED_CATALOGS)) {
    using db = store();
    const shipped = exportTranslations(db, language, null);
    const edited = shipped.replace(
      /msgid "Keep learning"\nmsgstr "[^"]*"/,
      'msgid "Keep learning"\nmsgstr "EDITED"',
    );
    assert.notEqual(edited, shipped, language);
    const result = importTranslations(db, edited, {
      site: SITE,
      file: `${language}.po`,
      now: NOW,
    });
    assert.equal(result.imported, Object.keys(SHIPPED_CATALOGS["en"]!).length);
    // Only the edited line differs from the shipped catalog, so only it is stored.
    assert.deepEqual(rows(db), [{
      language,
      site: SITE,
      msgid: "Keep learning",
    }]);
    const exported = exportTranslations(db, language, SITE);
    assert.equal(exported, edited, language);
    assert.deepEqual(
      [...parsePo(exported, "x.po").entries],
      [...parsePo(edited, "x.po").entries],
    );
  }
});

Deno.test("importTranslations() drops an override when the file goes back to the shipped string", () => {
  using db = store();
  importFrench(db, { "Keep learning": "Encore" });
  importFrench(db, { "Keep learning": "Autre" }, SITE);
  importFrench(db, { "Keep learning": "Continuer à apprendre" }); // shipped text
  assert.deepEqual(rows(db), [{
    language: "fr",
    site: SITE,
    msgid: "Keep learning",
  }]);
  importFrench(db, { "Keep learning": "Continuer à apprendre" }, SITE);
  assert.deepEqual(rows(db), []);
  // A site file equal to the global override is the global override: nothing stored.
  importFrench(db, { "Keep learning": "Encore" });
  importFrench(db, { "Keep learning": "Encore" }, SITE);
  assert.deepEqual(rows(db), [{
    language: "fr",
    site: "",
    msgid: "Keep learning",
  }]);
});

Deno.test("loadCatalogs() ignores stored rows of msgids this version does not have", () => {
  using db = store();
  db.prepare(
    "INSERT INTO translations (language, site, msgid, forms, imported_at) VALUES (?, ?, ?, ?, ?)",
  ).run("fr", "", "An old string", '"Vieux"', NOW);
  assert.deepEqual(loadCatalogs(db, SITE), {});
});

Deno.test("a .po override changes the rendered email (golden file)", async () => {
  using db = store();
  importTranslations(
    db,
    poFile("fr", [
      { msgid: "Keep up the momentum!", msgstr: "On ne lâche rien\u00a0!" },
      {
        msgid:
          "Many {platform_name} learners in {course_name} are completing more problems every week, and participating in the discussion forums. What do you want to do to keep learning?",
        msgstr:
          "Sur {platform_name}, les inscrits à {course_name} avancent chaque semaine. Et vous\u00a0?",
      },
      { msgid: "Keep learning", msgstr: "Je continue" },
    ]),
    { site: SITE, file: "fr.po", now: NOW },
  );
  const email = renderIn("recurringnudge_day10", "single", "fr", {
    catalogs: loadCatalogs(db, SITE),
  });
  assert.match(email.body_html, /<h1[^>]*>On ne lâche rien\u00a0!<\/h1>/);
  await assertGolden(
    new URL(
      "../golden/recurringnudge_day10.single.fr-override.txt",
      import.meta.url,
    ),
    textDocument(email),
  );
});
