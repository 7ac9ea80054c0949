/**
 * The upsell block (upstream `upsell_cta.html` / `.txt`): shown only when the learner may upgrade
 * (`show_upsell` with a link and a deadline) — the deadline sentence and an outlined
 * "Upgrade Now" button to the tracked upgrade link.
 */
import type { VNode } from "preact";
import type { UpsellContext } from "../../src/render/types.ts";
import type { TemplateEnv } from "../env.ts";
import { linkLine } from "../text.ts";
import { P_STYLE } from "../theme.ts";
import { Button } from "./button.tsx";

const OFFER =
  "Don't miss the opportunity to highlight your new knowledge and skills by earning a verified certificate. Upgrade by {user_schedule_upgrade_deadline_time}." as const;

/** The upgrade link and deadline when the block is shown, else null. */
function offer(ctx: UpsellContext): { link: string; deadline: string } | null {
  const link = ctx.upsell_link;
  const deadline = ctx.user_schedule_upgrade_deadline_time;
  if (!ctx.show_upsell || !link || !deadline) return null;
  return { link, deadline };
}

/** The HTML upsell block, or nothing. */
export function Upsell(props: { env: TemplateEnv }): VNode | null {
  const { env } = props;
  const shown = offer(env.ctx);
  if (!shown) return null;
  return (
    <>
      <p style={P_STYLE}>
        {env.t(OFFER, { user_schedule_upgrade_deadline_time: shown.deadline })}
      </p>
      <Button
        href={env.track(shown.link)}
        label={env.t("Upgrade Now")}
        style={env.styles.upsellButton}
        rtl={env.rtl}
      />
    </>
  );
}

/** The text upsell block ("…Upgrade by <date>." then "Upgrade Now <link>"), or null. */
export function upsellText(env: TemplateEnv): string | null {
  const shown = offer(env.ctx);
  if (!shown) return null;
  const sentence = env.t(OFFER, {
    user_schedule_upgrade_deadline_time: shown.deadline,
  });
  return `${sentence}\n\n${
    linkLine(env.t("Upgrade Now"), env.track(shown.link))
  }`;
}
