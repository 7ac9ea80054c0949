/** Tests of src/i18n/plural_forms.ts: gettext msgstr[n] ↔ CLDR categories, Plural-Forms headers. */
import assert from "node:assert/strict";
import {
  entryToForms,
  formsToEntry,
  pluralExpression,
  pluralFormsHeader,
} from "../../src/i18n/plural_forms.ts";
import { pluralCategories } from "../../templates/i18n/mod.ts";

/**
 * Evaluates a gettext plural expression for an integer. gettext expressions are C, and C's
 * operators used here (`== != < > <= >= && || % ?:`) mean the same in JavaScript, except that a
 * comparison gives a boolean where C gives 0 or 1: `Number()` restores that.
 */
function evaluate(expression: string, n: number): number {
  if (!/^[n\d\s()%=!<>&|?:]+$/.test(expression)) {
    throw new Error(`unexpected plural expression ${expression}`);
  }
  // The pattern above admits only the variable n, numbers and C operators.
  const fn = new Function("n", `return ${expression};`) as (
    n: number,
  ) => unknown;
  return Number(fn(n));
}

const LANGUAGES = [
  "en",
  "es",
  "fr",
  "pt-br",
  "pt-pt",
  "ar",
  "he",
  "de",
  "it",
  "ca",
  "ru",
  "uk",
  "be",
  "pl",
  "cs",
  "sk",
  "lt",
  "lv",
  "sl",
  "hr",
  "sr",
  "bs",
  "ro",
  "ga",
  "cy",
  "mt",
  "fa",
  "hi",
  "bn",
  "am",
  "zu",
  "is",
  "mk",
  "fil",
  "zh",
  "ja",
  "ko",
  "id",
  "vi",
  "th",
  "tr",
  "el",
  "nl",
  "sv",
  "da",
  "fi",
  "hu",
  "sw",
  "ur",
  "ta",
];

Deno.test("pluralExpression() picks, for every integer, the index of Intl's category in CLDR order", () => {
  const wrong: string[] = [];
  for (const language of LANGUAGES) {
    const categories = pluralCategories(language);
    const rules = new Intl.PluralRules(language);
    const expression = pluralExpression(language);
    const numbers = [
      ...Array.from({ length: 1201 }, (_, n) => n),
      1_000_000,
      2_000_000,
      1_000_001,
    ];
    for (const n of numbers) {
      const got = categories[evaluate(expression, n)];
      if (got !== rules.select(n)) {
        wrong.push(`${language} ${n}: ${got} instead of ${rules.select(n)}`);
        break;
      }
    }
  }
  assert.deepEqual(wrong, []);
});

Deno.test("pluralFormsHeader() gives nplurals and the expression", () => {
  assert.equal(pluralFormsHeader("en"), "nplurals=2; plural=(n != 1);");
  assert.equal(pluralFormsHeader("ja"), "nplurals=1; plural=0;");
  assert.match(
    pluralFormsHeader("pt_BR"),
    /^nplurals=3; plural=\(n == 0 \|\| n == 1\) \? 0 : /,
  );
  assert.match(
    pluralFormsHeader("ar"),
    /^nplurals=6; plural=\(n == 0\) \? 0 : /,
  );
  assert.match(pluralFormsHeader("es-419"), /^nplurals=3; /);
});

Deno.test("formsToEntry() maps msgstr[n] onto the CLDR categories in order", () => {
  assert.deepEqual(formsToEntry("en", ["course", "courses"]), {
    one: "course",
    other: "courses",
  });
  assert.deepEqual(formsToEntry("es", ["curso", "de cursos", "cursos"]), {
    one: "curso",
    many: "de cursos",
    other: "cursos",
  });
  assert.deepEqual(formsToEntry("ar", ["0", "1", "2", "3", "4", "5"]), {
    zero: "0",
    one: "1",
    two: "2",
    few: "3",
    many: "4",
    other: "5",
  });
});

Deno.test("formsToEntry() lets the last form of an older, shorter rule serve as other", () => {
  // French files with gettext's old `nplurals=2; plural=(n > 1);`.
  assert.deepEqual(formsToEntry("fr", ["cours A", "cours B"]), {
    one: "cours A",
    many: "cours B",
    other: "cours B",
  });
  // Russian files with `nplurals=3`: one, few, many; other (fractions) = many.
  assert.deepEqual(formsToEntry("ru", ["курс", "курса", "курсов"]), {
    one: "курс",
    few: "курса",
    many: "курсов",
    other: "курсов",
  });
});

Deno.test("formsToEntry() refuses more forms than the language has categories", () => {
  assert.equal(formsToEntry("en", ["a", "b", "c"]), null);
  assert.equal(formsToEntry("ja", ["a", "b"]), null);
  assert.equal(formsToEntry("en", []), null);
});

Deno.test("entryToForms() writes one form per category, other for the missing ones", () => {
  assert.deepEqual(entryToForms("es", { one: "uno", other: "varios" }), [
    "uno",
    "varios",
    "varios",
  ]);
  assert.deepEqual(
    entryToForms("ar", { one: "واحد", two: "اثنان", other: "عدة" }),
    [
      "عدة",
      "واحد",
      "اثنان",
      "عدة",
      "عدة",
      "عدة",
    ],
  );
});
