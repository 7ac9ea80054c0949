/**
 * Buttons: a styled link inside a table cell (the only button shape Outlook renders), and the
 * shared return-to-course CTA with upstream's href rule.
 */
import type { VNode } from "preact";
import type {
  CourseUpdateContext,
  NudgeContext,
} from "../../src/render/types.ts";
import type { TemplateEnv } from "../env.ts";

/** Props of a button. */
export interface ButtonProps {
  href: string;
  label: string;
  /** The `<a>` style (theme CTA or upsell). */
  style: string;
  /** The cell style (background for clients that ignore `<a>` borders). */
  cellStyle?: string;
  /** Right-to-left message: the button sits on the right. */
  rtl?: boolean;
}

/**
 * A bulletproof button: `<a>` in a one-cell presentation table. In a right-to-left message the
 * table takes the start (right) side by `dir` inheritance; the auto left margin keeps it there in
 * clients that drop `dir` attributes. Not `align="right"`: that floats the table beside the text.
 */
export function Button(props: ButtonProps): VNode {
  return (
    <table
      class="button"
      role="presentation"
      cellPadding="0"
      cellSpacing="0"
      border="0"
      style={props.rtl ? "margin:8px 0 24px auto;" : "margin:8px 0 24px 0;"}
    >
      <tr>
        <td style={props.cellStyle ?? "border-radius:4px;"}>
          <a href={props.href} style={props.style}>{props.label}</a>
        </td>
      </tr>
    </table>
  );
}

/**
 * The return-to-course link: tracked dashboard when the message is about several courses, else
 * the tracked course page (schedules contexts have no `course_cta_url` or `reset_url`).
 */
export function courseCtaUrl(
  env: TemplateEnv<NudgeContext | CourseUpdateContext>,
): string {
  return env.track(env.multi ? env.base.dashboard_url : env.ctx.course_url);
}

/** The return-to-course button in the theme's button style. */
export function CourseCta(
  props: {
    env: TemplateEnv<NudgeContext | CourseUpdateContext>;
    label: string;
  },
): VNode {
  const { env, label } = props;
  return (
    <Button
      href={courseCtaUrl(env)}
      label={label}
      style={env.styles.button}
      cellStyle={env.styles.buttonCell}
      rtl={env.rtl}
    />
  );
}
