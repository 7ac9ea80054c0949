import { equal } from "node:assert/strict";
import { defaultConfig } from "../../src/config.ts";
import { importTranslations } from "../../src/i18n/mod.ts";
import { createRenderer } from "../../src/render/renderer.ts";
import { emptyWorld } from "../_support/world.ts";
import { poFile } from "../i18n/_po.ts";
import { emailInput, nudgeContext, SITE } from "./_inputs.ts";

const input = (language: string) =>
  emailInput("recurringnudge_day10", nudgeContext(1, false), { language });

Deno.test("createRenderer() falls back per string to the platform default language before English", () => {
  const config = defaultConfig();
  config.platform.default_language = "fr";
  const render = createRenderer(null, config);
  equal(
    render(input("de")).subject,
    createRenderer(null, config)(input("fr")).subject,
  );
  equal(
    createRenderer(null, defaultConfig())(input("de")).subject,
    "Keep up the momentum!",
  );
});

Deno.test("createRenderer() uses a site's imported translations over the shipped ones", () => {
  const db = emptyWorld();
  importTranslations(
    db,
    poFile("es", [{ msgid: "Keep up the momentum!", msgstr: "¡Sigue así!" }]),
    {
      site: SITE,
      file: "es.po",
      now: 0,
    },
  );
  equal(
    createRenderer(db, defaultConfig())(input("es")).subject,
    "¡Sigue así!",
  );
  const other = emailInput("recurringnudge_day10", nudgeContext(1, false), {
    language: "es",
  });
  other.message.siteDomain = "other.example.com";
  equal(
    createRenderer(db, defaultConfig())(other).subject === "¡Sigue así!",
    false,
  );
});
