/**
 * A theme (config `theme`, resolved per site: site `values.theme` over the platform's, key by
 * key) turned into the inline style strings the templates use. Templates read the theme only
 * through these. Strings, not style objects: they are built once per theme and cost nothing per
 * email. Theme values are checked again here (with the rules of `validateTheme`) so a bad colour,
 * font or link cannot break out of a `style` attribute, the `<style>` block or an `href`; bad
 * values fall back to the upstream look.
 */
import { DEFAULT_THEME, type Theme } from "../src/config.ts";
import { FONT_UNSAFE, isThemeUrl, THEME_COLOUR } from "./theme_check.ts";

export { isThemeUrl, validateTheme } from "./theme_check.ts";

/** Resolved, safe style strings and switches of a theme. */
export interface ThemeStyles {
  readonly primary: string;
  readonly accent: string;
  readonly font: string;
  /** The return-to-course and "Upgrade now" button (`button_style` filled or outline). */
  readonly button: string;
  /** The cell around the button (its background for Outlook, which ignores `<a>` padding). */
  readonly buttonCell: string;
  /** The green-outlined "Upgrade Now" button of the upsell block. */
  readonly upsellButton: string;
  /** Body links (course list, footer action links). */
  readonly link: string;
  readonly headerLinks: readonly { label: string; url: string }[];
  readonly footerLines: readonly string[];
  readonly showSocial: boolean;
  readonly showAppBadges: boolean;
}

/** Page background around the card (upstream #f5f5f5). */
export const PAGE_BACKGROUND = "#f5f5f5";
/** Style of the heading of a message. */
export const H1_STYLE =
  "margin:0 0 16px 0;font-size:24px;line-height:1.25;font-weight:bold;color:#1f1f1f;";
/** Style of a body paragraph. */
export const P_STYLE = "margin:0 0 16px 0;";
/** Style of a body list item. */
export const LI_STYLE = "margin:0 0 8px 0;";

/**
 * Style of a body list: the indent that holds the bullets is on the start side, the right in a
 * right-to-left message (Outlook ignores `dir` for list padding, so it is written out).
 */
export function listStyle(rtl: boolean): string {
  return rtl
    ? "margin:0 0 16px 0;padding:0 24px 0 0;"
    : "margin:0 0 16px 0;padding:0 0 0 24px;";
}

const cache = new WeakMap<Theme, ThemeStyles>();

/** A `#rrggbb` colour, else the fallback. */
function colour(value: unknown, fallback: string): string {
  return typeof value === "string" && THEME_COLOUR.test(value)
    ? value
    : fallback;
}

/** A font stack without characters that could end the declaration or the attribute. */
function fontStack(value: unknown): string {
  if (typeof value !== "string") return DEFAULT_THEME.font_family;
  const cleaned = value.replace(new RegExp(FONT_UNSAFE, "g"), "").trim();
  return cleaned === "" ? DEFAULT_THEME.font_family : cleaned;
}

/** A switch: the value when it is a boolean, else the default. */
function flag(value: unknown, fallback: boolean): boolean {
  return typeof value === "boolean" ? value : fallback;
}

/** A header link with a label and a safe URL. */
function isSafeLink(link: unknown): link is { label: string; url: string } {
  if (typeof link !== "object" || link === null) return false;
  const { label, url } = link as Record<string, unknown>;
  return typeof label === "string" && label.trim() !== "" &&
    typeof url === "string" && isThemeUrl(url);
}

/** Header links with a label and a safe URL (others are dropped, never rendered). */
function headerLinks(value: unknown): { label: string; url: string }[] {
  if (!Array.isArray(value)) return [...DEFAULT_THEME.header_links];
  return (value as unknown[]).filter(isSafeLink);
}

/** Footer lines that are strings. */
function footerLines(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return (value as unknown[]).filter((line): line is string =>
    typeof line === "string"
  );
}

/** The CTA button style for the theme's `button_style`. */
function buttonStyle(outline: boolean, primary: string): string {
  const shape =
    "text-decoration:none;border-radius:4px;display:inline-block;font-weight:bold;";
  if (outline) {
    return `color:${primary};background-color:#ffffff;border:3px solid ${primary};padding:9px 47px;${shape}`;
  }
  return `color:#ffffff;background-color:${primary};border-top:12px solid ${primary};border-bottom:12px solid ${primary};border-right:50px solid ${primary};border-left:50px solid ${primary};${shape}`;
}

/** The style strings of a resolved theme (cached per theme object). */
export function themeStyles(theme: Theme): ThemeStyles {
  const cached = cache.get(theme);
  if (cached) return cached;
  const primary = colour(theme.primary_color, DEFAULT_THEME.primary_color);
  const accent = colour(theme.accent_color, DEFAULT_THEME.accent_color);
  const outline = theme.button_style === "outline";
  const styles: ThemeStyles = {
    primary,
    accent,
    font: fontStack(theme.font_family),
    button: buttonStyle(outline, primary),
    buttonCell: outline
      ? "border-radius:4px;background-color:#ffffff;"
      : `border-radius:4px;background-color:${primary};`,
    upsellButton:
      `color:${accent};background-color:#ffffff;border:3px solid ${accent};padding:8px 65px;text-decoration:none;border-radius:4px;display:inline-block;font-weight:bold;`,
    link: `color:${primary};`,
    headerLinks: headerLinks(theme.header_links),
    footerLines: footerLines(theme.footer_lines),
    showSocial: flag(theme.show_social, DEFAULT_THEME.show_social),
    showAppBadges: flag(theme.show_app_badges, DEFAULT_THEME.show_app_badges),
  };
  cache.set(theme, styles);
  return styles;
}
