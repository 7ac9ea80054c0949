/**
 * Tests of the theme (templates/theme.ts, templates/theme_check.ts): validation of config values,
 * the safe fallbacks at render time, and what a theme change does to a rendered email.
 */
import assert from "node:assert/strict";
import {
  type Config,
  DEFAULT_FLAGS,
  DEFAULT_THEME,
  defaultConfig,
} from "../../src/config.ts";
import { baseContext as siteBaseContext } from "../../src/messages/base_context.ts";
import { renderEmail } from "../../src/render/render.ts";
import type { BaseContext } from "../../src/render/types.ts";
import {
  isThemeUrl,
  themeStyles,
  validateTheme,
} from "../../templates/theme.ts";
import { assertGolden } from "../_support/golden.ts";
import { baseContext, emailInput, nudgeContext } from "../render/_inputs.ts";
import { htmlDocument, htmlProblems } from "./_support.ts";

Deno.test("validateTheme() accepts the default theme, an empty one and a complete custom one", () => {
  assert.deepEqual(validateTheme(DEFAULT_THEME, "platform.theme"), []);
  assert.deepEqual(validateTheme({}, "platform.theme"), []);
  assert.deepEqual(
    validateTheme({
      primary_color: "#AA0000",
      accent_color: "#00aa00",
      button_style: "outline",
      font_family: "'Noto Sans Arabic', Tahoma, sans-serif",
      header_links: [
        { label: "Catalog", url: "https://www.example.com/catalog" },
        { label: "My Account", url: "/dashboard" },
      ],
      footer_lines: ["Example Academy is run by Example Inc."],
      show_social: false,
      show_app_badges: false,
    }, "sites[0].configuration.values.theme"),
    [],
  );
});

Deno.test("validateTheme() names each bad key with its path", () => {
  const problems = validateTheme({
    primary_color: "red",
    accent_color: "#12345",
    button_style: "ghost",
    font_family: "Arial; color:red",
    header_links: [
      { label: "Home", url: "http://www.example.com" },
      { label: "", url: "//evil.example.com", extra: 1 },
      "Catalog",
    ],
    footer_lines: ["ok", 3],
    show_social: "false",
    show_app_badges: 0,
    logo: "https://x",
  }, "platform.theme");
  assert.deepEqual(problems, [
    "platform.theme.primary_color: expected a colour #rrggbb",
    "platform.theme.accent_color: expected a colour #rrggbb",
    'platform.theme.button_style: expected "filled" or "outline"',
    'platform.theme.font_family: a font stack cannot contain ; " < > { } or \\',
    "platform.theme.header_links[0].url: expected an https URL or a site-relative path",
    "platform.theme.header_links[1].extra: unknown key",
    "platform.theme.header_links[1].label: expected a non-empty string",
    "platform.theme.header_links[1].url: expected an https URL or a site-relative path",
    "platform.theme.header_links[2]: expected an object with label and url",
    "platform.theme.footer_lines[1]: expected a string",
    "platform.theme.show_social: expected a boolean",
    "platform.theme.show_app_badges: expected a boolean",
    "platform.theme.logo: unknown key",
  ]);
  assert.deepEqual(validateTheme([], "t"), ["t: expected an object"]);
  assert.deepEqual(validateTheme({ header_links: {} }, "t"), [
    "t.header_links: expected a list",
  ]);
});

Deno.test("isThemeUrl() takes absolute https URLs and site-relative paths only", () => {
  assert.equal(isThemeUrl("https://www.example.com/a"), true);
  assert.equal(isThemeUrl("/dashboard"), true);
  assert.equal(isThemeUrl("//evil.example.com"), false);
  assert.equal(isThemeUrl("http://www.example.com"), false);
  assert.equal(isThemeUrl("javascript:alert(1)"), false);
  assert.equal(isThemeUrl("dashboard"), false);
});

Deno.test("themeStyles() falls back to the upstream look for values that never passed validation", () => {
  const styles = themeStyles({
    ...DEFAULT_THEME,
    primary_color: "red;}</style>",
    font_family: 'Arial";}<x>',
    header_links: [
      { label: "Bad", url: "javascript:alert(1)" },
      { label: "Good", url: "/courses" },
    ],
    footer_lines: ["line", 7 as unknown as string],
    show_social: "no" as unknown as boolean,
  });
  assert.equal(styles.primary, "#005686");
  assert.equal(styles.font, "Arialx");
  assert.deepEqual(styles.headerLinks, [{ label: "Good", url: "/courses" }]);
  assert.deepEqual(styles.footerLines, ["line"]);
  assert.equal(styles.showSocial, true);
});

/** The fixture base context with theme keys replaced. */
function themed(theme: Partial<BaseContext["theme"]>): BaseContext {
  const base = baseContext();
  base.theme = { ...base.theme, ...theme };
  return base;
}

/** Renders the day-3 nudge (with upsell) on a base context. */
function nudge(base: BaseContext, language = "en"): string {
  return renderEmail(
    emailInput("recurringnudge_day3", nudgeContext(1, true), {
      base,
      language,
    }),
  ).body_html;
}

Deno.test("a theme's colours reach the CTA, the upsell button, links and the <style> block", () => {
  const base = themed({ primary_color: "#7a1fa2", accent_color: "#c05800" });
  const email = renderEmail(
    emailInput("recurringnudge_day3", nudgeContext(1, true), { base }),
  );
  assert.match(
    email.body_html,
    /<td style="border-radius:4px;background-color:#7a1fa2;"><a [^>]*style="color:#ffffff;background-color:#7a1fa2;border-top:12px solid #7a1fa2;[^"]*">Start learning now<\/a>/,
  );
  assert.match(email.body_html, /border:3px solid #c05800;[^"]*">Upgrade Now</);
  assert.match(email.head_html, /a\{color:#7a1fa2;\}/);
  assert.doesNotMatch(email.body_html + email.head_html, /#005686|#008100/);
});

Deno.test("button_style outline draws the CTA as an outline on white", () => {
  const filled = nudge(themed({ button_style: "filled" }));
  const outline = nudge(themed({ button_style: "outline" }));
  const cta = /<td style="([^"]*)"><a [^>]*style="([^"]*)">Start learning now/;
  assert.deepEqual(filled.match(cta)?.slice(1), [
    "border-radius:4px;background-color:#005686;",
    "color:#ffffff;background-color:#005686;border-top:12px solid #005686;border-bottom:12px solid #005686;border-right:50px solid #005686;border-left:50px solid #005686;text-decoration:none;border-radius:4px;display:inline-block;font-weight:bold;",
  ]);
  assert.deepEqual(outline.match(cta)?.slice(1), [
    "border-radius:4px;background-color:#ffffff;",
    "color:#005686;background-color:#ffffff;border:3px solid #005686;padding:9px 47px;text-decoration:none;border-radius:4px;display:inline-block;font-weight:bold;",
  ]);
});

Deno.test("footer_lines are added after the mailing address, each its own paragraph", () => {
  const email = nudge(themed({
    footer_lines: [
      "Example Academy, a Example Inc. service.",
      "<b>Not bold</b>",
    ],
  }));
  assert.ok(
    email.includes(
      "1 Example Street, Springfield<br><br>Example Academy, a Example Inc. service.<br><br>&lt;b>Not bold&lt;/b></td>",
    ),
  );
  assert.ok(nudge(themed({})).includes("1 Example Street, Springfield</td>"));
});

Deno.test("show_social and show_app_badges false remove the icon rows", () => {
  const shown = nudge(themed({}));
  assert.match(shown, /alt="Example Academy on LinkedIn"/);
  assert.match(shown, /alt="Download the iOS app on the Apple Store"/);
  const hidden = nudge(themed({ show_social: false }));
  assert.doesNotMatch(hidden, /linkedin|twitter|facebook|reddit/i);
  assert.match(hidden, /alt="Download the iOS app on the Apple Store"/);
  const neither = nudge(themed({ show_social: false, show_app_badges: false }));
  assert.doesNotMatch(neither, /apps\.apple\.com|play\.google\.com/);
});

Deno.test("font_family and header_links reach the layout; catalog labels are translated", () => {
  const base = themed({
    font_family: "Georgia, serif",
    header_links: [
      { label: "Catalog", url: "https://www.example.com/catalog" },
      { label: "My Account", url: "/dashboard" },
    ],
  });
  const english = nudge(base);
  assert.match(
    english,
    /<table class="content"[^>]*style="[^"]*font-family:Georgia, serif;/,
  );
  assert.match(
    english,
    />Catalog<\/a>\u00a0 \/ \u00a0<a [^>]*>My Account<\/a>/,
  );
  const spanish = nudge(base, "es");
  assert.match(spanish, />Catalog<\/a>\u00a0 \/ \u00a0<a [^>]*>Mi cuenta<\/a>/);
});

Deno.test("a site's theme overrides the platform theme key by key", () => {
  const config: Config = defaultConfig();
  config.platform.theme = {
    ...config.platform.theme,
    primary_color: "#111111",
    footer_lines: ["Platform line"],
  };
  const site = {
    domain: "courses.example.com",
    configuration: {
      enabled: true,
      values: { theme: { primary_color: "#222222", show_social: false } },
    },
    schedule_config: { ...DEFAULT_FLAGS },
  };
  const theme = siteBaseContext(config, site).theme;
  assert.equal(theme.primary_color, "#222222");
  assert.deepEqual(theme.footer_lines, ["Platform line"]);
  assert.equal(theme.show_social, false);
  assert.equal(theme.button_style, "filled");
});

Deno.test("a themed email matches its golden file and is valid HTML", async () => {
  const base = themed({
    primary_color: "#7a1fa2",
    accent_color: "#c05800",
    button_style: "outline",
    font_family: "Georgia, serif",
    header_links: [{
      label: "Catalog",
      url: "https://www.example.com/catalog",
    }],
    footer_lines: ["Example Academy is a service of Example Inc."],
    show_social: false,
  });
  const email = renderEmail(
    emailInput("recurringnudge_day3", nudgeContext(1, true), { base }),
  );
  const document = htmlDocument(email, "en", false);
  await assertGolden(
    new URL(
      "../golden/recurringnudge_day3.single.themed.html",
      import.meta.url,
    ),
    document,
  );
  assert.deepEqual(await htmlProblems(document, "themed"), []);
});
