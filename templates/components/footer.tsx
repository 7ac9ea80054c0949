/**
 * The footer row (upstream `base_body.html`): social icons and app-store badges (untracked),
 * the channel's action links (untracked, e.g. Sailthru's `{view_url}`), copyright, mailing
 * address, the theme's extra lines and, when the message has one, the tracked unsubscribe link.
 * Everything but the unsubscribe link is the same for every email of a site, language and
 * year, so that part is rendered once and reused (it is a third of a render's time otherwise).
 */
import type { VNode } from "preact";
import { render } from "preact-render-to-string";
import { formatNumber, isMsgId, type MsgId } from "../i18n/mod.ts";
import type { TemplateEnv } from "../env.ts";
import { PAGE_BACKGROUND } from "../theme.ts";

/** Social networks in upstream's order, with the alt-text msgid of each. */
const SOCIAL: readonly (readonly [string, MsgId])[] = [
  ["linkedin", "{platform_name} on LinkedIn"],
  ["twitter", "{platform_name} on Twitter"],
  ["facebook", "{platform_name} on Facebook"],
  ["google_plus", "{platform_name} on Google Plus"],
  ["reddit", "{platform_name} on Reddit"],
];

/** App stores in upstream's order, with their alt-text msgids. */
const STORES: readonly (readonly [string, MsgId])[] = [
  ["apple", "Download the iOS app on the Apple Store"],
  ["google", "Download the Android app on the Google Play Store"],
];

const IMG = "display:block;border:0;";
const CELL = "padding:0 0 20px 0;";

/** An image link, or a text link when there is no image URL (no broken image icons). */
function ImageLink(
  props: {
    href: string;
    src: string | undefined;
    alt: string;
    width: string;
    height: string;
  },
): VNode {
  return (
    <a href={props.href} style="text-decoration:none;">
      {props.src
        ? (
          <img
            src={props.src}
            alt={props.alt}
            width={props.width}
            height={props.height}
            style={IMG}
          />
        )
        : props.alt}
    </a>
  );
}

/** The social icons row, or nothing. */
function Social(props: { env: TemplateEnv }): VNode | null {
  const { env } = props;
  const urls = env.base.social_media_urls;
  const present = SOCIAL.filter(([key]) => urls[key]);
  if (!env.styles.showSocial || present.length === 0) return null;
  const platform_name = env.base.platform_name;
  return (
    <tr>
      <td style={CELL}>
        <table
          role="presentation"
          align={env.rtl ? "right" : "left"}
          cellPadding="0"
          cellSpacing="0"
          border="0"
        >
          <tr>
            {present.map(([key, msgid]) => (
              <td width="42" height="32">
                <ImageLink
                  href={urls[key] ?? ""}
                  src={env.base.social_media_logo_urls[key]}
                  alt={env.t(msgid, { platform_name })}
                  width="32"
                  height="32"
                />
              </td>
            ))}
          </tr>
        </table>
      </td>
    </tr>
  );
}

/** The app-store badges row, or nothing. */
function AppBadges(props: { env: TemplateEnv }): VNode | null {
  const { env } = props;
  const urls = env.base.mobile_store_urls;
  const present = STORES.filter(([key]) => urls[key]);
  if (!env.styles.showAppBadges || present.length === 0) return null;
  return (
    <tr>
      <td style={CELL}>
        <table role="presentation" cellPadding="0" cellSpacing="0" border="0">
          <tr>
            {present.map(([key, msgid]) => (
              <td
                style={env.rtl ? "padding:0 0 0 10px;" : "padding:0 10px 0 0;"}
              >
                <ImageLink
                  href={urls[key] ?? ""}
                  src={env.base.mobile_store_logo_urls[key]}
                  alt={env.t(msgid)}
                  width="136"
                  height="50"
                />
              </td>
            ))}
          </tr>
        </table>
      </td>
    </tr>
  );
}

/** The channel's action links (Sailthru placeholders), or nothing. */
function ActionLinks(props: { env: TemplateEnv }): VNode | null {
  const { env } = props;
  const links = env.input.channel.actionLinks;
  if (links.length === 0) return null;
  return (
    <tr>
      <td style={CELL}>
        {links.map((link) => (
          <p style="margin:0 0 8px 0;">
            <a href={link.url} style={`${env.styles.link}font-weight:bold;`}>
              {isMsgId(link.label) ? env.t(link.label) : link.label}
            </a>
          </p>
        ))}
      </td>
    </tr>
  );
}

/** Copyright, mailing address and the theme's extra footer lines. */
function Legal(props: { env: TemplateEnv }): VNode {
  const { env } = props;
  const { platform_name, contact_mailing_address } = env.base;
  return (
    <tr>
      <td style="font-size:13px;line-height:1.5;color:#4f4f4f;">
        {env.t("© {year} {platform_name}, All rights reserved.", {
          year: formatNumber(env.input.year, env.language),
          platform_name,
        })}
        {contact_mailing_address && (
          <>
            <br />
            <br />
            {env.t("Our mailing address is:")}
            <br />
            {contact_mailing_address}
          </>
        )}
        {env.styles.footerLines.map((line) => (
          <>
            <br />
            <br />
            {line}
          </>
        ))}
      </td>
    </tr>
  );
}

/** The unsubscribe link row when the message carries an unsubscribe URL. */
function Unsubscribe(props: { env: TemplateEnv }): VNode | null {
  const { env } = props;
  const url = env.ctx.kind === "update" ? env.ctx.unsubscribe_url : null;
  if (!url) return null;
  return (
    <tr>
      <td style="padding:16px 0 0 0;font-size:13px;">
        <a href={env.track(url)} style={env.styles.link}>
          {env.t("Unsubscribe from these emails.")}
        </a>
      </td>
    </tr>
  );
}

/** Rendered static footer rows by everything they depend on. */
const staticRows = new Map<string, string>();
const STATIC_ROWS_LIMIT = 256;

/** The footer rows that do not depend on the message (rendered once per site, language, year). */
function staticRowsHtml(env: TemplateEnv): string {
  const { base, styles } = env;
  const key = JSON.stringify([
    env.language,
    env.rtl,
    env.input.year,
    base.platform_name,
    base.contact_mailing_address,
    base.social_media_urls,
    base.social_media_logo_urls,
    base.mobile_store_urls,
    base.mobile_store_logo_urls,
    env.input.channel.actionLinks,
    styles.link,
    styles.footerLines,
    styles.showSocial,
    styles.showAppBadges,
  ]);
  let html = staticRows.get(key);
  if (html === undefined) {
    html = render(
      <>
        <Social env={env} />
        <AppBadges env={env} />
        <ActionLinks env={env} />
        <Legal env={env} />
      </>,
    );
    if (staticRows.size >= STATIC_ROWS_LIMIT) staticRows.clear();
    staticRows.set(key, html);
  }
  return html;
}

const FOOTER_STYLE = `padding:20px;background-color:${PAGE_BACKGROUND};`;

/** The footer table row (its text right-aligned in a right-to-left message, for Outlook). */
export function Footer(props: { env: TemplateEnv }): VNode {
  const { env } = props;
  const unsubscribe = render(<Unsubscribe env={env} />);
  return (
    <tr>
      <td
        class="footer"
        style={env.rtl ? `${FOOTER_STYLE}text-align:right;` : FOOTER_STYLE}
      >
        <table
          role="presentation"
          width="100%"
          cellPadding="0"
          cellSpacing="0"
          border="0"
          dangerouslySetInnerHTML={{
            __html: staticRowsHtml(env) + unsubscribe,
          }}
        />
      </td>
    </tr>
  );
}
