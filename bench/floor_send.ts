/**
 * The floor of `send all`: renders N emails with a plain template-literal function (about 8 KB of
 * table-layout HTML each, with the file channel's four trailing comments) and writes each with a
 * synchronous write. Run as a child process, like the tool, so both sides pay process start-up.
 *
 * Usage: deno run --allow-write=DIR bench/floor_send.ts DIR COUNT
 */

/** What one email shows. */
export interface FloorEmail {
  userId: number;
  name: string;
  email: string;
  courseName: string;
  courseUrl: string;
  highlights: string[];
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
};

/** Escapes text for HTML content and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

const CELL = 'style="font-family:Helvetica,Arial,sans-serif;font-size:16px;' +
  'line-height:24px;color:#222222;padding:0 32px 16px 32px;"';
const TABLE =
  'role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%"';

function paragraph(text: string): string {
  return `<tr><td ${CELL}><p style="margin:0;">${text}</p></td></tr>\n`;
}

function footer(): string {
  const links = ["LinkedIn", "Twitter", "Facebook"].map((label) =>
    `<a href="https://bench.example.com/social/${label.toLowerCase()}" style="color:#005686;text-decoration:none;"><img src="https://bench.example.com/static/${label.toLowerCase()}.png" width="24" height="24" alt="${label}" style="display:block;border:0;"></a>`
  ).join("\n");
  return `<tr><td style="background-color:#f5f5f5;padding:24px 32px;font-family:Helvetica,Arial,sans-serif;font-size:12px;line-height:18px;color:#555555;">
<table ${TABLE}><tr><td>${links}</td></tr></table>
<p style="margin:12px 0 0 0;">You are receiving this email because you enrolled in a course on Bench Academy. Update your email preferences in your account settings at any time.</p>
<p style="margin:12px 0 0 0;">© 2025 Bench Academy. All rights reserved. 1 Bench Street, Springfield.</p>
<p style="margin:12px 0 0 0;"><a href="https://apps.apple.com/app/bench" style="color:#005686;">Download on the App Store</a> · <a href="https://play.google.com/store/apps/details?id=bench" style="color:#005686;">Get it on Google Play</a></p>
</td></tr>\n`;
}

/** The HTML document of one email (a template literal, no framework). */
export function renderEmail(e: FloorEmail): string {
  const name = escapeHtml(e.name), course = escapeHtml(e.courseName);
  const items = e.highlights.map((h) =>
    `<li style="margin:0 0 8px 0;">${escapeHtml(h)}</li>`
  ).join("");
  const intro = Array.from(
    { length: 10 },
    (_, i) =>
      paragraph(
        `Part ${
          i + 1
        } of your plan for ${course}: set aside some time this week, review what you learned so far and keep going. Learners who keep a steady pace finish their course far more often.`,
      ),
  ).join("");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark"><title>Keep learning in ${course}</title>
<style>@media (prefers-color-scheme: dark) { .body { background-color:#111111 !important; color:#eeeeee !important; } }</style></head>
<body class="body" style="margin:0;padding:0;background-color:#eeeeee;">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;visibility:hidden;opacity:0;font-size:1px;">Keep learning in ${course}&nbsp;&zwnj;&nbsp;&zwnj;&nbsp;&zwnj;&nbsp;&zwnj;&nbsp;&zwnj;&nbsp;&zwnj;</div>
<table ${TABLE} style="background-color:#eeeeee;"><tr><td align="center" style="padding:24px 0;">
<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="600" style="width:600px;max-width:600px;background-color:#ffffff;">
<tr><td style="padding:24px 32px;"><img src="https://bench.example.com/static/logo.png" width="160" height="40" alt="Bench Academy" style="display:block;border:0;"></td></tr>
${paragraph(`Hi ${name},`)}${
    paragraph(
      `Remember when you enrolled in <strong>${course}</strong>? We do, and we are glad to have you. Come see what everyone is learning.`,
    )
  }${intro}<tr><td ${CELL}><ul style="margin:0;padding:0 0 0 20px;">${items}</ul></td></tr>
<tr><td style="padding:8px 32px 32px 32px;"><table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td style="background-color:#005686;border-radius:4px;"><a href="${
    escapeHtml(e.courseUrl)
  }?utm_source=ace&amp;utm_medium=email&amp;utm_campaign=recurringnudge_day3&amp;utm_content=${e.userId}" style="display:inline-block;padding:12px 24px;font-family:Helvetica,Arial,sans-serif;font-size:16px;color:#ffffff;text-decoration:none;">Keep learning</a></td></tr></table></td></tr>
${footer()}</table></td></tr></table>
<img src="https://www.google-analytics.com/collect?v=1&amp;t=event&amp;ec=email&amp;ea=edx.bi.email.opened&amp;cid=${e.userId}" width="1" height="1" alt="" style="display:block;border:0;">
</body>
    <!-- to: ${e.email} -->
    <!-- from_name: Bench Academy -->
    <!-- subject: Keep learning in ${
    e.courseName.replaceAll("-->", "--&gt;")
  } -->
    <!-- body: Hi ${e.name}, remember when you enrolled in ${e.courseName}? Keep learning: ${e.courseUrl} -->
</html>
`;
}

/** The i-th email of the floor run (varied data, like real learners). */
export function floorEmail(i: number): FloorEmail {
  return {
    userId: i + 1,
    name: `Learner ${i + 1} <García>`,
    email: `learner${i + 1}@example.com`,
    courseName: `Bench course ${i % 40}`,
    courseUrl: `https://bench.example.com/courses/course-v1:BenchX+C${
      i % 40
    }+2025/course/`,
    highlights: [`Highlight 1 of section ${i % 8}`, `Highlight 2 of ${i % 8}`],
  };
}

/** Renders and writes `count` emails into `dir`. */
export function writeFloorEmails(dir: string, count: number): void {
  Deno.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const email = floorEmail(i);
    Deno.writeTextFileSync(
      `${dir}/${email.userId}.${i}.html`,
      renderEmail(email),
    );
  }
}

if (import.meta.main) {
  const [dir, count] = Deno.args;
  if (!dir || !count || !/^\d+$/.test(count)) {
    console.error("usage: floor_send.ts DIR COUNT");
    Deno.exit(2);
  }
  writeFloorEmails(dir, Number(count));
}
