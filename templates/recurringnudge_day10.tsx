/**
 * `recurringnudge_day10` (behaviour.md §7.3), also used for the `recurringnudge_day<N>` names that
 * `--weeks` produces: "Keep up the momentum!" with a button back to the course or dashboard.
 */
import type { NudgeContext } from "../src/render/types.ts";
import { CourseCta, courseCtaUrl } from "./components/button.tsx";
import { Upsell, upsellText } from "./components/upsell.tsx";
import type { EmailTemplate } from "./env.ts";
import { linkLine, paragraphs } from "./text.ts";
import { H1_STYLE, P_STYLE } from "./theme.ts";

const SINGLE =
  "Many {platform_name} learners in {course_name} are completing more problems every week, and participating in the discussion forums. What do you want to do to keep learning?" as const;
const MULTI =
  "Many {platform_name} learners are completing more problems every week, and participating in the discussion forums. What do you want to do to keep learning?" as const;

/** The template. */
export const recurringNudgeDay10: EmailTemplate<NudgeContext> = {
  kind: "nudge",
  subject: (env) => env.t("Keep up the momentum!"),
  fromName: (env) => env.multi ? env.base.platform_name : env.ctx.course_name,
  preview: (env) =>
    env.t(env.multi ? MULTI : SINGLE, {
      course_name: env.ctx.course_name,
      platform_name: env.base.platform_name,
    }),
  content: (env) => (
    <>
      <h1 style={H1_STYLE}>{env.t("Keep up the momentum!")}</h1>
      <p style={P_STYLE}>
        {env.rich(env.multi ? MULTI : SINGLE, {
          course_name: <strong>{env.ctx.course_name}</strong>,
          platform_name: env.base.platform_name,
        })}
      </p>
      <CourseCta env={env} label={env.t("Keep learning")} />
      <Upsell env={env} />
    </>
  ),
  text: (env) =>
    paragraphs(
      recurringNudgeDay10.preview(env),
      linkLine(env.t("Keep learning"), courseCtaUrl(env)),
      upsellText(env),
    ),
};
