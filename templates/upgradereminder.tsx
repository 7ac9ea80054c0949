/**
 * `upgradereminder` (behaviour.md §7.4): two days before the upgrade deadline, "Upgrade now" with
 * the deadline, the eligible courses (listed for 2–9 courses only), an example certificate and a
 * button to the upgrade link (one course) or the dashboard (several).
 */
import type { VNode } from "preact";
import type { UpgradeReminderContext } from "../src/render/types.ts";
import { Button } from "./components/button.tsx";
import type { EmailTemplate, TemplateEnv } from "./env.ts";
import { linkLine, paragraphs } from "./text.ts";
import { H1_STYLE, LI_STYLE, listStyle, P_STYLE } from "./theme.ts";

type Env = TemplateEnv<UpgradeReminderContext>;

const SINGLE =
  "We hope you are enjoying learning with us so far in {first_course_name}! A verified certificate allows you to highlight your new knowledge and skills. An {platform_name} certificate is official and easily shareable." as const;
const MULTI =
  "We hope you are enjoying learning with us so far on {platform_name}! A verified certificate allows you to highlight your new knowledge and skills. An {platform_name} certificate is official and easily shareable." as const;
const CERT_STYLE =
  "display:block;margin:30px auto;max-width:100%;height:auto;border-top:1px solid #d3d3d3;border-bottom:3px solid #d3d3d3;border-right:3px solid #d3d3d3;border-left:1px solid #d3d3d3;";

/** The course list is shown for 2 to 9 courses (upstream hides it from 10 on). */
function listsCourses(env: Env): boolean {
  const count = env.ctx.course_ids.length;
  return count > 1 && count < 10;
}

/** Button target: the upgrade link for one course, else the dashboard (both tracked). */
function upgradeUrl(env: Env): string {
  const link = env.multi ? undefined : env.ctx.upsell_link;
  return env.track(link || env.base.dashboard_url);
}

/** "Upgrade by <date>." (null when the context has no deadline). */
function deadlineText(env: Env): string | null {
  const date = env.ctx.user_schedule_upgrade_deadline_time;
  if (!date) return null;
  return env.t("Upgrade by {user_schedule_upgrade_deadline_time}.", {
    user_schedule_upgrade_deadline_time: date,
  });
}

/** The intro sentence as plain text. */
function intro(env: Env): string {
  return env.t(env.multi ? MULTI : SINGLE, {
    first_course_name: env.ctx.first_course_name,
    platform_name: env.base.platform_name,
  });
}

/** The eligible-courses paragraph and list. */
function CourseList(props: { env: Env }): VNode | null {
  const { env } = props;
  if (!listsCourses(env)) return null;
  const links = env.ctx.course_links;
  return (
    <>
      <p style={P_STYLE}>
        {env.t("You are eligible to upgrade in this course:", {
          count: links.length,
        })}
      </p>
      <ul style={listStyle(env.rtl)}>
        {links.map((link) => (
          <li style={LI_STYLE}>
            <a href={env.track(link.url)} style={env.styles.link}>
              {link.name}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The intro paragraph (the course name in bold for one course) and the deadline. */
function Intro(props: { env: Env }): VNode {
  const { env } = props;
  const date = env.ctx.user_schedule_upgrade_deadline_time;
  return (
    <>
      <p style={P_STYLE}>
        {env.multi ? intro(env) : env.rich(SINGLE, {
          first_course_name: <strong>{env.ctx.first_course_name}</strong>,
          platform_name: env.base.platform_name,
        })}
      </p>
      {date && (
        <p style={P_STYLE}>
          {env.rich("Upgrade by {user_schedule_upgrade_deadline_time}.", {
            user_schedule_upgrade_deadline_time: <strong>{date}</strong>,
          })}
        </p>
      )}
    </>
  );
}

/** The HTML content. */
function Content(props: { env: Env }): VNode {
  const { env } = props;
  return (
    <>
      <h1 style={H1_STYLE}>{env.t("Upgrade now")}</h1>
      <Intro env={env} />
      <CourseList env={env} />
      {env.ctx.cert_image && (
        <img
          src={env.ctx.cert_image}
          alt={env.t("Example of a verified certificate")}
          width="500"
          style={CERT_STYLE}
        />
      )}
      <Button
        href={upgradeUrl(env)}
        label={env.t("Upgrade now")}
        style={env.styles.button}
        cellStyle={env.styles.buttonCell}
        rtl={env.rtl}
      />
    </>
  );
}

/** "* <name> <url>" lines of the text part (2–9 courses). */
function courseLines(env: Env): string | null {
  if (!listsCourses(env)) return null;
  return env.ctx.course_links
    .map((link) => `* ${link.name} <${env.track(link.url)}>`)
    .join("\n");
}

/** The template. */
export const upgradeReminder: EmailTemplate<UpgradeReminderContext> = {
  kind: "upgrade",
  subject: (env) =>
    env.multi
      ? env.t("Upgrade to earn a verified certificate on {platform_name}", {
        platform_name: env.base.platform_name,
      })
      : env.t("Upgrade to earn a verified certificate in {first_course_name}", {
        first_course_name: env.ctx.first_course_name,
      }),
  fromName: (env) =>
    env.multi ? env.base.platform_name : env.ctx.first_course_name,
  preview: (env) => [intro(env), deadlineText(env)].filter(Boolean).join(" "),
  content: (env) => <Content env={env} />,
  text: (env) =>
    paragraphs(
      intro(env),
      deadlineText(env),
      courseLines(env),
      linkLine(env.t("Upgrade now at"), upgradeUrl(env)),
    ),
};
