/**
 * The header row: the logo linking (tracked) to the homepage, and the theme's header links
 * (default "My Account" → dashboard), all tracked.
 */
import type { ComponentChild, VNode } from "preact";
import { isMsgId } from "../i18n/mod.ts";
import type { TemplateEnv } from "../env.ts";
import { PAGE_BACKGROUND } from "../theme.ts";

const LINK_STYLE =
  "font-size:15px;line-height:20px;text-decoration:none;color:#000001;font-weight:bold;";
const LOGO_STYLE = "display:block;max-height:65px;height:auto;border:0;";
const NAME_STYLE =
  "font-size:20px;line-height:28px;text-decoration:none;color:#000001;font-weight:bold;";

/** The logo image, or the platform name when no logo is configured. */
function Logo(props: { env: TemplateEnv }): VNode {
  const { env } = props;
  const { base } = env;
  const name = base.platform_name;
  return (
    <a
      href={env.track(base.homepage_url)}
      style={base.logo_url ? undefined : NAME_STYLE}
    >
      {base.logo_url
        ? (
          <img
            src={base.logo_url}
            alt={env.t("Go to {platform_name} Home Page", {
              platform_name: name,
            })}
            height="65"
            style={LOGO_STYLE}
          />
        )
        : name}
    </a>
  );
}

/** The header links separated by " / " (labels from the catalog are translated). */
function headerLinks(env: TemplateEnv): ComponentChild[] {
  const out: ComponentChild[] = [];
  env.styles.headerLinks.forEach((link, index) => {
    if (index > 0) out.push("\u00a0 / \u00a0");
    const label = isMsgId(link.label) ? env.t(link.label) : link.label;
    out.push(<a href={env.track(link.url)} style={LINK_STYLE}>{label}</a>);
  });
  return out;
}

/** The header table row. */
export function Header(props: { env: TemplateEnv }): VNode {
  const { env } = props;
  const start = env.rtl ? "right" : "left";
  const end = env.rtl ? "left" : "right";
  return (
    <tr>
      <td
        class="header"
        style={`padding:20px 20px 10px 20px;background-color:${PAGE_BACKGROUND};`}
      >
        <table
          role="presentation"
          width="100%"
          cellPadding="0"
          cellSpacing="0"
          border="0"
        >
          <tr>
            <td class="logo" align={start} valign="middle">
              <Logo env={env} />
            </td>
            <td class="header-links" align={end} valign="middle">
              {headerLinks(env)}
            </td>
          </tr>
        </table>
      </td>
    </tr>
  );
}
