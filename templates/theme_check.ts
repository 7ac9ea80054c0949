/**
 * Validation of a `theme` object from the configuration (platform `theme` or a site's
 * `values.theme`). The config import calls `validateTheme` and refuses the file on any problem;
 * `theme.ts` applies the same rules again when rendering, because a site's `values` may have been
 * stored before these checks existed.
 */

/** A CSS colour as the theme takes it: `#rrggbb`. */
export const THEME_COLOUR = /^#[0-9A-Fa-f]{6}$/;
/** Characters that could end a CSS declaration, the `style` attribute or the `<style>` block. */
export const FONT_UNSAFE = /[;"<>{}\\]/;
/** Every key of a theme (contract.md "config JSON"). */
export const THEME_KEYS = [
  "primary_color",
  "accent_color",
  "button_style",
  "font_family",
  "header_links",
  "footer_lines",
  "show_social",
  "show_app_badges",
] as const;

/** A theme URL: absolute `https`, or site-relative (`/path`, not the protocol-relative `//host`). */
export function isThemeUrl(text: string): boolean {
  if (text.startsWith("/")) return !text.startsWith("//");
  try {
    return new URL(text).protocol === "https:";
  } catch {
    return false;
  }
}

/** Checks one key's value at a path; returns its problems (none when it is valid). */
type KeyCheck = (value: unknown, path: string) => string[];

/** A plain object (not an array, not null). */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const colour: KeyCheck = (value, path) =>
  typeof value === "string" && THEME_COLOUR.test(value)
    ? []
    : [`${path}: expected a colour #rrggbb`];

const bool: KeyCheck = (value, path) =>
  typeof value === "boolean" ? [] : [`${path}: expected a boolean`];

const buttonStyle: KeyCheck = (value, path) =>
  value === "filled" || value === "outline"
    ? []
    : [`${path}: expected "filled" or "outline"`];

const font: KeyCheck = (value, path) => {
  if (typeof value !== "string" || value.trim() === "") {
    return [
      `${path}: expected a font stack, e.g. "Helvetica, Arial, sans-serif"`,
    ];
  }
  return FONT_UNSAFE.test(value)
    ? [`${path}: a font stack cannot contain ; " < > { } or \\`]
    : [];
};

/** One header link: `{ "label": text, "url": https or /path }`, nothing else. */
function headerLink(value: unknown, path: string): string[] {
  if (!isObject(value)) {
    return [`${path}: expected an object with label and url`];
  }
  const problems = Object.keys(value)
    .filter((key) => key !== "label" && key !== "url")
    .map((key) => `${path}.${key}: unknown key`);
  if (typeof value["label"] !== "string" || value["label"].trim() === "") {
    problems.push(`${path}.label: expected a non-empty string`);
  }
  const url = value["url"];
  if (typeof url !== "string" || !isThemeUrl(url)) {
    problems.push(`${path}.url: expected an https URL or a site-relative path`);
  }
  return problems;
}

/** A list whose items are checked one by one. */
function listOf(item: KeyCheck): KeyCheck {
  return (value, path) =>
    Array.isArray(value)
      ? value.flatMap((entry, i) => item(entry, `${path}[${i}]`))
      : [`${path}: expected a list`];
}

const line: KeyCheck = (value, path) =>
  typeof value === "string" ? [] : [`${path}: expected a string`];

const CHECKS: Readonly<Record<typeof THEME_KEYS[number], KeyCheck>> = {
  primary_color: colour,
  accent_color: colour,
  button_style: buttonStyle,
  font_family: font,
  header_links: listOf(headerLink),
  footer_lines: listOf(line),
  show_social: bool,
  show_app_badges: bool,
};

/**
 * The problems of a theme value at JSON path `path` (e.g. `platform.theme`), one message each
 * (`platform.theme.primary_color: expected a colour #rrggbb`); empty when it is valid. Every key
 * is optional (a site theme overrides the platform theme key by key); unknown keys are problems.
 */
export function validateTheme(value: unknown, path: string): string[] {
  if (!isObject(value)) return [`${path}: expected an object`];
  return Object.entries(value).flatMap(([key, item]) => {
    const check = Object.hasOwn(CHECKS, key)
      ? CHECKS[key as keyof typeof CHECKS]
      : undefined;
    return check
      ? check(item, `${path}.${key}`)
      : [`${path}.${key}: unknown key`];
  });
}
