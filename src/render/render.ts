/**
 * Renders one email (edx-ace `EmailRenderer`): picks the template of the message name, renders the
 * shared layout around its content with preact-render-to-string, and returns the five fields,
 * stripped; subject and from-name on one line (Sailthru drops sends with newlines in them).
 */
import { render } from "preact-render-to-string";
import { type Catalogs, translator } from "../../templates/i18n/mod.ts";
import {
  Head,
  Layout,
  msoFontFix,
  replaceMsoPlaceholders,
} from "../../templates/layout.tsx";
import {
  type EmailTemplate,
  type TemplateEnv,
  templateFor,
} from "../../templates/mod.ts";
import { themeStyles } from "../../templates/theme.ts";
import { trackLink } from "./links.ts";
import { gaPixelUrl } from "./pixel.ts";
import type { EmailInput, MessageContext, RenderedEmail } from "./types.ts";

/** Options of `renderEmail`. */
export interface RenderOptions {
  /** Imported translations by language; they win over the shipped strings. */
  catalogs?: Catalogs;
  /** Tried per string before English (the platform's default_language). */
  fallbackLanguage?: string;
}

/** Languages written right to left (primary subtag). */
const RTL = new Set(["ar", "he", "fa", "ur"]);
/** Rendered heads by language, platform name and theme: identical for a whole run. */
const headCache = new Map<string, string>();
const HEAD_CACHE_LIMIT = 256;

/** The template environment of one message. */
function createEnv<C extends MessageContext>(
  input: EmailInput,
  ctx: C,
  options: RenderOptions,
): TemplateEnv<C> {
  const i18n = translator(
    input.message.language,
    options.catalogs,
    options.fallbackLanguage,
  );
  const courseIds = ctx.course_ids;
  return {
    input,
    ctx,
    base: input.base,
    message: input.message,
    language: i18n.language,
    fallback: options.fallbackLanguage ?? "",
    rtl: RTL.has(i18n.language.split("-")[0] ?? ""),
    multi: courseIds.length > 1,
    styles: themeStyles(input.base.theme),
    t: i18n.t,
    rich: i18n.rich,
    track: (url) => trackLink(url, input.message, courseIds),
  };
}

/** The `<head>` content, rendered once per language, platform name and theme. */
function headHtml(env: TemplateEnv, custom: boolean): string {
  const key = `${env.language}\n${env.fallback}\n${env.base.platform_name}\n${
    JSON.stringify(env.base.theme)
  }`;
  const cached = custom ? undefined : headCache.get(key);
  if (cached !== undefined) return cached;
  // Components without hooks can be called directly: this module stays free of JSX.
  const html = render(Head({ env })) + msoFontFix(env.styles);
  if (!custom) {
    if (headCache.size >= HEAD_CACHE_LIMIT) headCache.clear();
    headCache.set(key, html);
  }
  return html;
}

/** Subject and from-name: one line, whitespace runs collapsed. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Renders with a template whose context kind has been checked. */
function renderWith<C extends MessageContext>(
  template: EmailTemplate<C>,
  input: EmailInput,
  ctx: C,
  options: RenderOptions,
): RenderedEmail {
  const env = createEnv(input, ctx, options);
  const { appLabel, name, sendUuid, uuid } = input.message;
  const body = render(Layout({
    env,
    preview: template.preview(env),
    pixel: gaPixelUrl(input.message, input.base, ctx.course_ids),
    logId: `${appLabel}.${name}.${sendUuid || "no_send_uuid"}.${uuid}`,
    children: template.content(env),
  }));
  return {
    from_name: oneLine(template.fromName(env)),
    subject: oneLine(template.subject(env)),
    head_html: headHtml(env, options.catalogs !== undefined).trim(),
    body_html: replaceMsoPlaceholders(body).trim(),
    body: template.text(env).trim(),
  };
}

/**
 * Renders an email: the template is chosen by `input.message.name` (`recurringnudge_day3`, any
 * other `recurringnudge_day<N>` → the day-10 template, `upgradereminder`,
 * `instructorledcourseupdate`, `courseupdate`). Throws for an unknown name or a context of the
 * wrong kind (programming errors, not data errors).
 */
export function renderEmail(
  input: EmailInput,
  options: RenderOptions = {},
): RenderedEmail {
  const name = input.message.name;
  const entry = templateFor(name);
  if (!entry) {
    throw new Error(`Cannot render "${name}": no template has that name`);
  }
  const ctx = input.context;
  if (entry.kind === "nudge" && ctx.kind === "nudge") {
    return renderWith(entry.template, input, ctx, options);
  }
  if (entry.kind === "upgrade" && ctx.kind === "upgrade") {
    return renderWith(entry.template, input, ctx, options);
  }
  if (entry.kind === "update" && ctx.kind === "update") {
    return renderWith(entry.template, input, ctx, options);
  }
  throw new TypeError(
    `Cannot render "${name}": it needs a ${entry.kind} context, not ${ctx.kind}`,
  );
}
