/**
 * The body shared by the two highlight emails (behaviour.md §7.5, §7.6 pre-2025 design): an intro
 * naming the course, the week's highlights, an encouragement, "Resume your course now" and the
 * upsell block. The two messages differ only in their strings.
 */
import type { VNode } from "preact";
import type { CourseUpdateContext } from "../../src/render/types.ts";
import { formatNumber, type MsgId } from "../i18n/mod.ts";
import type { EmailTemplate, TemplateEnv } from "../env.ts";
import { paragraphs } from "../text.ts";
import { LI_STYLE, listStyle, P_STYLE } from "../theme.ts";
import { CourseCta } from "./button.tsx";
import { Upsell, upsellText } from "./upsell.tsx";

/** The strings that make one highlight email. */
export interface CourseUpdateStrings {
  subject: MsgId;
  intro: MsgId;
  encouragement: MsgId;
}

type Env = TemplateEnv<CourseUpdateContext>;

/** Placeholder values every string of these emails may use (the week in the message's digits). */
function values(env: Env): { course_name: string; week_num: string } {
  return {
    course_name: env.ctx.course_name,
    week_num: formatNumber(env.ctx.week_num, env.language),
  };
}

/** One highlight (keys would do nothing in a one-off render but add a space to the tag). */
function Highlight(highlight: string): VNode {
  return <li style={LI_STYLE}>{highlight}</li>;
}

/** The highlights as a list (nothing for an empty list: an empty `<ul>` is invalid). */
function Highlights(
  props: { items: readonly string[]; rtl: boolean },
): VNode | null {
  if (props.items.length === 0) return null;
  return (
    <ul style={listStyle(props.rtl)}>
      {props.items.map(Highlight)}
    </ul>
  );
}

/** A highlight email template built from its strings. */
export function courseUpdateTemplate(
  strings: CourseUpdateStrings,
): EmailTemplate<CourseUpdateContext> {
  return {
    kind: "update",
    subject: (env) => env.t(strings.subject, values(env)),
    fromName: (env) => env.ctx.course_name,
    preview: (env) =>
      env.t("Welcome to week {week_num} of {course_name}!", values(env)),
    content: (env) => (
      <>
        <p style={P_STYLE}>
          {env.rich(strings.intro, {
            ...values(env),
            course_name: <strong>{env.ctx.course_name}</strong>,
          })}
        </p>
        <Highlights items={env.ctx.week_highlights} rtl={env.rtl} />
        <p style={P_STYLE}>{env.t(strings.encouragement)}</p>
        <CourseCta env={env} label={env.t("Resume your course now")} />
        <Upsell env={env} />
      </>
    ),
    text: (env) =>
      paragraphs(
        env.t(strings.intro, values(env)),
        env.ctx.week_highlights.map((highlight) => `  * ${highlight}`).join(
          "\n",
        ),
        env.t(strings.encouragement),
        upsellText(env),
      ),
  };
}
