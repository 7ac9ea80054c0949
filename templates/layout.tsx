/**
 * The shared layout (behaviour.md §7.1, delivery.md §4.4): `<head>` content and the body around a
 * message's content — preheader, tracker images, GA pixel, a 600 px table with header, white card
 * and footer, then the hidden debug spans. Email-client-safe markup (ecosystem.md §5.1): tables
 * with presentation roles, inline styles, an Outlook ghost table.
 */
import type { ComponentChildren, VNode } from "preact";
import "./_jsx.ts";
import { Footer } from "./components/footer.tsx";
import { Header } from "./components/header.tsx";
import { Preheader } from "./components/preheader.tsx";
import type { TemplateEnv } from "./env.ts";
import { PAGE_BACKGROUND, type ThemeStyles } from "./theme.ts";

/** Outlook-only markup that JSX cannot write, in place of these placeholder tags. */
const MSO_OPEN = "<mso-open></mso-open>";
const MSO_OPEN_MARKUP =
  '<!--[if mso]><table role="presentation" width="600" align="center" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->';
const MSO_CLOSE = "<mso-close></mso-close>";
const MSO_CLOSE_MARKUP = "<!--[if mso]></td></tr></table><![endif]-->";

/**
 * Replaces the `<mso-…>` placeholders of rendered HTML with Outlook conditional comments (plain
 * string searches: a regular expression over every email's body cost more).
 */
export function replaceMsoPlaceholders(html: string): string {
  return html.replaceAll(MSO_OPEN, MSO_OPEN_MARKUP)
    .replaceAll(MSO_CLOSE, MSO_CLOSE_MARKUP);
}

/**
 * The `<style>` block: resets, the responsive 600 px rules and dark-mode overrides. One rule per
 * line, and a nested block's closing brace on its own line, so no `}}` ever appears in an email.
 */
function css(styles: ThemeStyles): string {
  return `
body{margin:0!important;padding:0!important;width:100%!important;-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%;}
table,td{border-collapse:collapse;mso-table-lspace:0pt;mso-table-rspace:0pt;}
img{border:0;outline:none;text-decoration:none;-ms-interpolation-mode:bicubic;}
a{color:${styles.primary};}
@media only screen and (min-device-width:601px){
.content{width:600px!important;}
}
@media only screen and (max-width:480px){
.content{width:100%!important;}
.main{padding:15px 12px 24px 12px!important;}
.logo,.header-links{display:block!important;width:100%!important;text-align:left!important;}
.header-links{padding-top:10px!important;}
.button,.button a{width:100%!important;text-align:center!important;}
[dir=rtl] .logo,[dir=rtl] .header-links{text-align:right!important;}
}
@media (prefers-color-scheme:dark){
.email-bg,.header,.footer{background-color:#121212!important;}
.main{background-color:#1e1e1e!important;}
.main,.main h1,.main p,.main li,.footer td{color:#eeeeee!important;}
.header-links a,.logo a{color:#eeeeee!important;}
.main li a,.footer a{color:#8ec5ff!important;}
}
`;
}

/** Head markup JSX cannot write: Outlook falls back to Times New Roman without this. */
export function msoFontFix(styles: ThemeStyles): string {
  return `<!--[if mso]><style>body,table,td,a{font-family:${styles.font}!important;}</style><![endif]-->`;
}

/** The `<head>` content (charset, title, viewport, colour schemes, styles). */
export function Head(props: { env: TemplateEnv }): VNode {
  const { env } = props;
  return (
    <>
      <meta httpEquiv="Content-Type" content="text/html; charset=UTF-8" />
      <title lang={env.language}>
        {env.t("{platform_name} Email", {
          platform_name: env.base.platform_name,
        })}
      </title>
      <meta name="viewport" content="width=device-width, initial-scale=1.0" />
      <meta name="color-scheme" content="light dark" />
      <meta name="supported-color-schemes" content="light dark" />
      <style dangerouslySetInnerHTML={{ __html: css(env.styles) }} />
    </>
  );
}

/** Channel tracker images (Sailthru's `{beacon_src}`) and the GA pixel, in a 1 px high line. */
function Trackers(
  props: { env: TemplateEnv; pixel: string | null },
): VNode | null {
  const sources = props.env.input.channel.trackerImageSources;
  if (sources.length === 0 && !props.pixel) return null;
  return (
    <div class="trackers" style="line-height:1px;font-size:1px;">
      {sources.map((src) => (
        <img
          src={src}
          alt=""
          width="1"
          height="1"
          role="presentation"
          aria-hidden="true"
        />
      ))}
      {props.pixel && (
        <img src={props.pixel} alt="" role="presentation" aria-hidden="true" />
      )}
    </div>
  );
}

/** Props of the body layout. */
export interface LayoutProps {
  env: TemplateEnv;
  preview: string;
  /** The GA pixel URL, or null without a tracking id. */
  pixel: string | null;
  /** `message.log_id`: `<app>.<name>.<send_uuid>.<uuid>`. */
  logId: string;
  children: ComponentChildren;
}

/** Spread only in a right-to-left message: an `undefined` attribute would still leave a space. */
const RTL = { dir: "rtl" } as const;
/** Style of the white card; right-aligned text in a right-to-left message. */
const MAIN_STYLE = "background-color:#ffffff;padding:15px 20px 30px 20px;";

/**
 * The 600 px table: header, white card with the message content, footer. A right-to-left
 * message repeats `dir` on the table and aligns the card's text right explicitly: Outlook's Word
 * engine does not inherit direction from the wrapping `<div>`.
 */
function Page(props: { env: TemplateEnv; children: ComponentChildren }): VNode {
  const { env } = props;
  return (
    <table
      class="content"
      role="presentation"
      align="center"
      width="100%"
      cellPadding="0"
      cellSpacing="0"
      border="0"
      {...(env.rtl ? RTL : {})}
      style={`max-width:600px;margin:0 auto;font-family:${env.styles.font};font-size:16px;line-height:1.5;color:#1f1f1f;`}
    >
      <Header env={env} />
      <tr>
        <td
          class="main"
          bgcolor="#ffffff"
          style={env.rtl ? `${MAIN_STYLE}text-align:right;` : MAIN_STYLE}
        >
          {props.children}
        </td>
      </tr>
      <Footer env={env} />
    </table>
  );
}

/** The body content: everything between `<body>` and `</body>`. */
export function Layout(props: LayoutProps): VNode {
  const { env } = props;
  return (
    <>
      <Preheader text={props.preview} language={env.language} rtl={env.rtl} />
      <Trackers env={env} pixel={props.pixel} />
      <div
        class="email-bg"
        lang={env.language}
        dir={env.rtl ? "rtl" : "ltr"}
        style={`margin:0;padding:0;min-width:100%;background-color:${PAGE_BACKGROUND};`}
      >
        <mso-open></mso-open>
        <Page env={env}>{props.children}</Page>
        <mso-close></mso-close>
      </div>
      <span id="ace-message-id" style="display:none;">{props.logId}</span>
      <span id="template-revision" style="display:none;">
        {env.base.template_revision}
      </span>
    </>
  );
}
