/**
 * `recurringnudge_day3` (behaviour.md §7.2): three days after the schedule start, "Keep learning
 * today." with a button back to the course (or the dashboard for several courses).
 */
import type { NudgeContext } from "../src/render/types.ts";
import { CourseCta, courseCtaUrl } from "./components/button.tsx";
import { Upsell, upsellText } from "./components/upsell.tsx";
import type { EmailTemplate, TemplateEnv } from "./env.ts";
import { linkLine, paragraphs } from "./text.ts";
import { H1_STYLE, P_STYLE } from "./theme.ts";

/** The welcome-back sentence, single and multi. */
function remember(env: TemplateEnv<NudgeContext>) {
  return env.multi
    ? "Remember when you enrolled in {course_name}, and other courses on {platform_name}? We do, and we're glad to have you! Come see what everyone is learning." as const
    : "Remember when you enrolled in {course_name} on {platform_name}? We do, and we're glad to have you! Come see what everyone is learning." as const;
}

/** The template. */
export const recurringNudgeDay3: EmailTemplate<NudgeContext> = {
  kind: "nudge",
  subject: (env) =>
    env.multi
      ? env.t("Keep learning on {platform_name}", {
        platform_name: env.base.platform_name,
      })
      : env.t("Keep learning in {course_name}", {
        course_name: env.ctx.course_name,
      }),
  fromName: (env) => env.multi ? env.base.platform_name : env.ctx.course_name,
  preview: (env) =>
    env.t(remember(env), {
      course_name: env.ctx.course_name,
      platform_name: env.base.platform_name,
    }),
  content: (env) => (
    <>
      <h1 style={H1_STYLE}>{env.t("Keep learning today.")}</h1>
      <p style={P_STYLE}>
        {env.rich(remember(env), {
          course_name: <strong>{env.ctx.course_name}</strong>,
          platform_name: env.base.platform_name,
        })}
      </p>
      <CourseCta env={env} label={env.t("Start learning now")} />
      <Upsell env={env} />
    </>
  ),
  text: (env) =>
    paragraphs(
      recurringNudgeDay3.preview(env),
      linkLine(env.t("Start learning now"), courseCtaUrl(env)),
      upsellText(env),
    ),
};
