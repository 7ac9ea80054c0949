/** Tests of src/render/render.ts: the five messages, the layout and the rendering guarantees. */
import assert from "node:assert/strict";
import { renderEmail } from "../../src/render/render.ts";
import type {
  EmailInput,
  MessageContext,
  RenderedEmail,
} from "../../src/render/types.ts";
import {
  baseContext,
  contextFor,
  emailInput,
  goldenInput,
  type InputOptions,
  MESSAGE_NAMES,
  nudgeContext,
  SAILTHRU_HOOKS,
  updateContext,
  upgradeContext,
} from "./_inputs.ts";

const UTM_TAIL = "utm_content=11111111-1111-4111-8111-111111111111";
const COURSE_LINK =
  "https://courses.example.com/courses/course-v1:edX+DemoX+Demo_Course/course/?";
const DASHBOARD_LINK = "https://courses.example.com/dashboard?";
const UPSELL_LINK = "https://ecommerce.example.com/basket/add/?sku=ABC123&";
const FIELDS = [
  "from_name",
  "subject",
  "head_html",
  "body_html",
  "body",
] as const;

/** Renders a message name with a context. */
function renderOf(
  name: string,
  context: MessageContext,
  options: InputOptions = {},
): RenderedEmail {
  return renderEmail(emailInput(name, context, options));
}

/** The hrefs of the links whose text is `label`. */
function hrefsOf(html: string, label: string): string[] {
  const pattern = new RegExp(`<a href="([^"]*)"[^>]*>${label}</a>`, "g");
  return [...html.matchAll(pattern)].map((m) =>
    (m[1] ?? "").replaceAll("&amp;", "&")
  );
}

Deno.test("renderEmail() throws for an unknown message name", () => {
  assert.throws(
    () => renderOf("weeklydigest", nudgeContext(1, false)),
    /Cannot render "weeklydigest": no template has that name/,
  );
});

Deno.test("renderEmail() throws when the context does not fit the message", () => {
  assert.throws(
    () => renderOf("upgradereminder", nudgeContext(1, false)),
    TypeError,
  );
  assert.throws(() => renderOf("courseupdate", upgradeContext(1)), TypeError);
});

Deno.test("renderEmail() renders other recurringnudge_day<N> names with the day-10 template", () => {
  const email = renderOf("recurringnudge_day14", nudgeContext(1, false));
  assert.equal(email.subject, "Keep up the momentum!");
  assert.match(email.body_html, /utm_campaign=recurringnudge_day14/);
  assert.match(
    email.body,
    /^Many Example Academy learners in Demonstration Course/,
  );
});

Deno.test("renderEmail() picks subject and from-name by the number of courses", () => {
  const expected: Record<string, [string, string, string, string]> = {
    recurringnudge_day3: [
      "Keep learning in Demonstration Course",
      "Demonstration Course",
      "Keep learning on Example Academy",
      "Example Academy",
    ],
    recurringnudge_day10: [
      "Keep up the momentum!",
      "Demonstration Course",
      "Keep up the momentum!",
      "Example Academy",
    ],
    upgradereminder: [
      "Upgrade to earn a verified certificate in Demonstration Course",
      "Demonstration Course",
      "Upgrade to earn a verified certificate on Example Academy",
      "Example Academy",
    ],
    instructorledcourseupdate: [
      "Demonstration Course Weekly Update",
      "Demonstration Course",
      "Demonstration Course Weekly Update",
      "Demonstration Course",
    ],
    courseupdate: [
      "Welcome to week 3",
      "Demonstration Course",
      "Welcome to week 3",
      "Demonstration Course",
    ],
  };
  for (const name of MESSAGE_NAMES) {
    const single = renderEmail(goldenInput(name, "single"));
    const multi = renderEmail(goldenInput(name, "multi"));
    assert.deepEqual(
      [single.subject, single.from_name, multi.subject, multi.from_name],
      expected[name],
      name,
    );
  }
});

Deno.test("renderEmail() writes the singular and plural sentences of the nudges", () => {
  const single = renderOf("recurringnudge_day3", nudgeContext(1, false));
  const multi = renderOf("recurringnudge_day3", nudgeContext(2, false));
  assert.match(
    single.body_html,
    /Remember when you enrolled in <strong>Demonstration Course<\/strong> on Example Academy\?/,
  );
  assert.match(
    multi.body,
    /^Remember when you enrolled in Demonstration Course, and other courses/,
  );
  assert.match(single.body_html, /<h1[^>]*>Keep learning today\.<\/h1>/);
  const day10 = renderOf("recurringnudge_day10", nudgeContext(2, false));
  assert.match(day10.body, /^Many Example Academy learners are completing/);
});

Deno.test("renderEmail() links the CTA to the course for one course, else the dashboard", () => {
  const cases: [string, string][] = [
    ["recurringnudge_day3", "Start learning now"],
    ["recurringnudge_day10", "Keep learning"],
    ["instructorledcourseupdate", "Resume your course now"],
    ["courseupdate", "Resume your course now"],
  ];
  for (const [name, label] of cases) {
    const single = renderOf(name, contextFor(name, 1, false));
    const multi = renderOf(name, contextFor(name, 2, false));
    const [singleHref] = hrefsOf(single.body_html, label);
    const [multiHref] = hrefsOf(multi.body_html, label);
    assert.ok(
      singleHref?.startsWith(COURSE_LINK) && singleHref.endsWith(UTM_TAIL),
      name,
    );
    assert.ok(
      multiHref?.startsWith(DASHBOARD_LINK) && multiHref.endsWith(UTM_TAIL),
      name,
    );
  }
});

Deno.test("renderEmail() shows the upsell block only when the learner may upgrade", () => {
  const shown = renderOf("recurringnudge_day3", nudgeContext(1, true));
  const [href] = hrefsOf(shown.body_html, "Upgrade Now");
  assert.ok(href?.startsWith(UPSELL_LINK), href ?? "no link");
  assert.match(
    shown.body_html,
    /verified certificate\. Upgrade by Aug\. 8, 2026\.<\/p>/,
  );
  assert.match(
    shown.body,
    /Upgrade by Aug\. 8, 2026\.\n\nUpgrade Now <https:\/\/ecommerce/,
  );
  const hidden = renderOf("recurringnudge_day3", nudgeContext(1, false));
  const noLink = renderOf("courseupdate", {
    ...updateContext(1, false, false),
    show_upsell: true,
  });
  for (const email of [hidden, noLink]) {
    assert.doesNotMatch(email.body_html, /Upgrade Now|Don't miss/);
    assert.doesNotMatch(email.body, /Upgrade Now|Don't miss/);
  }
});

Deno.test("renderEmail() shows the tracked unsubscribe link only when the message has one", () => {
  const withLink = renderOf("courseupdate", updateContext(1, false, true));
  const [href = ""] = hrefsOf(
    withLink.body_html,
    "Unsubscribe from these emails\\.",
  );
  assert.ok(
    href.startsWith(
      "https://courses.example.com/bulk_email/email/optout/abc123token?",
    ),
  );
  assert.ok(href.endsWith(UTM_TAIL));
  const without = renderOf(
    "instructorledcourseupdate",
    updateContext(1, false, false),
  );
  assert.doesNotMatch(without.body_html, /Unsubscribe/);
});

Deno.test("renderEmail() renders the upgrade reminder's course list for 2 to 9 courses only", () => {
  const linkLines = (email: RenderedEmail) =>
    email.body.match(/^\* /gm)?.length ?? 0;
  for (const count of [1, 2, 9, 10, 12]) {
    const email = renderOf("upgradereminder", upgradeContext(count));
    const listed = count >= 2 && count <= 9;
    assert.equal(
      (email.body_html.match(/<li /g) ?? []).length,
      listed ? count : 0,
      `${count}`,
    );
    assert.equal(linkLines(email), listed ? count : 0, `${count}`);
    assert.equal(
      email.body_html.includes("eligible to upgrade in these courses:"),
      listed,
    );
    const [button] = hrefsOf(email.body_html, "Upgrade now");
    const target = count === 1 ? UPSELL_LINK : DASHBOARD_LINK;
    assert.ok(button?.startsWith(target), `${count}: ${button}`);
    assert.match(
      email.body,
      new RegExp(`Upgrade now at <${target.replace(/[.?]/g, "\\$&")}`),
    );
  }
});

Deno.test("renderEmail() shows the reminder's deadline in bold and the example certificate", () => {
  const email = renderOf("upgradereminder", upgradeContext(1));
  assert.match(email.body_html, /Upgrade by <strong>Aug\. 8, 2026<\/strong>\./);
  assert.match(
    email.body_html,
    /<img src="[^"]*mini-cert\.png" alt="Example of a verified certificate"/,
  );
  assert.match(
    email.body_html,
    /so far in <strong>Demonstration Course<\/strong>!/,
  );
});

Deno.test("renderEmail() renders the week's highlights in both highlight emails", () => {
  for (const name of ["instructorledcourseupdate", "courseupdate"]) {
    const email = renderOf(name, updateContext(1, false, false));
    assert.match(
      email.body_html,
      /<li[^>]*>Control flow: if, for and while<\/li>/,
    );
    assert.match(email.body, /\n {2}\* Writing your first function\n/);
  }
  const weekly = renderOf("courseupdate", updateContext(1, false, false));
  assert.match(weekly.body, /look forward to in week 3:/);
  assert.match(
    weekly.body,
    /With self-paced courses, you learn on your own schedule\./,
  );
});

Deno.test("renderEmail() renders Sailthru's tracker image and action links as real markup", () => {
  const email = renderOf("recurringnudge_day3", nudgeContext(1, false), {
    channel: SAILTHRU_HOOKS,
  });
  assert.match(email.body_html, /<img src="\{beacon_src\}" alt=""/);
  assert.deepEqual(hrefsOf(email.body_html, "View on Web"), ["{view_url}"]);
  assert.deepEqual(hrefsOf(email.body_html, "Unsubscribe from this list"), [
    "{optout_confirm_url}",
  ]);
  assert.ok(!email.body_html.includes("{image_src}"));
  const file = renderOf("recurringnudge_day3", nudgeContext(1, false));
  assert.ok(
    !file.body_html.includes("{beacon_src}") &&
      !file.body_html.includes("View on Web"),
  );
});

Deno.test("renderEmail() emits the GA pixel only with a tracking id", () => {
  const email = renderOf("recurringnudge_day3", nudgeContext(1, false));
  assert.match(
    email.body_html,
    /<img src="https:\/\/www\.google-analytics\.com\/collect\?v=1&amp;t=event[^"]*" alt="" role="presentation" aria-hidden="true">/,
  );
  const base = { ...baseContext(), google_analytics_tracking_id: "" };
  const none = renderOf("recurringnudge_day3", nudgeContext(1, false), {
    base,
  });
  assert.doesNotMatch(none.body_html, /google-analytics/);
});

Deno.test("renderEmail() starts the body with the preheader and ends with the debug spans", () => {
  const email = renderEmail(goldenInput("courseupdate", "single"));
  assert.match(
    email.body_html,
    /^<div class="preheader"[^>]*>Welcome to week 3 of Demonstration Course!/,
  );
  assert.ok(
    email.body_html.endsWith(
      '<span id="ace-message-id" style="display:none;">schedules.courseupdate.' +
        "22222222-2222-4222-8222-222222222222.11111111-1111-4111-8111-111111111111</span>" +
        '<span id="template-revision" style="display:none;">rev-2026.1</span>',
    ),
  );
  assert.match(
    email.body_html,
    /© 2026 Example Academy, All rights reserved\./,
  );
  assert.match(
    email.head_html,
    /<title lang="en">Example Academy Email<\/title>/,
  );
  assert.match(
    email.head_html,
    /<meta name="color-scheme" content="light dark">/,
  );
  assert.match(email.head_html, /@media \(prefers-color-scheme:dark\)/);
});

Deno.test("renderEmail() renders the 600 px presentation table and the tracked header", () => {
  const email = renderEmail(goldenInput("recurringnudge_day3", "single"));
  assert.match(
    email.body_html,
    /<table class="content" role="presentation" align="center" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;/,
  );
  assert.match(
    email.body_html,
    /<!--\[if mso\]><table role="presentation" width="600"/,
  );
  assert.match(email.body_html, /alt="Go to Example Academy Home Page"/);
  const [account] = hrefsOf(email.body_html, "My Account");
  assert.ok(account?.startsWith(DASHBOARD_LINK) && account.endsWith(UTM_TAIL));
  assert.match(
    email.body_html,
    /<a href="https:\/\/www\.example\.com\?utm_source=schedules/,
  );
  // Social and store links are never tracked.
  assert.match(
    email.body_html,
    /<a href="https:\/\/twitter\.com\/example" [^>]*><img [^>]*alt="Example Academy on Twitter"/,
  );
  assert.match(
    email.body_html,
    /alt="Download the Android app on the Google Play Store"/,
  );
  assert.doesNotMatch(email.body_html, /twitter\.com\/example\?utm/);
});

Deno.test("renderEmail() sets dir=rtl for right-to-left languages", () => {
  for (const language of ["ar", "he", "fa", "ur", "ar-sa"]) {
    const email = renderOf("recurringnudge_day3", nudgeContext(1, false), {
      language,
    });
    assert.match(
      email.body_html,
      new RegExp(`lang="${language}" dir="rtl"`),
      language,
    );
  }
  const english = renderOf("recurringnudge_day3", nudgeContext(1, false));
  assert.match(english.body_html, /lang="en" dir="ltr"/);
});

Deno.test("renderEmail() escapes names, highlights and the platform name", () => {
  const evil = `<script>alert(1)</script> "Q" & 'S'`;
  const base = {
    ...baseContext(),
    platform_name: evil,
    contact_mailing_address: evil,
  };
  const emails = [
    renderOf("recurringnudge_day3", {
      ...nudgeContext(1, true),
      course_name: evil,
    }, { base }),
    renderOf("courseupdate", {
      ...updateContext(1, true, true),
      course_name: evil,
      week_highlights: [evil],
    }, { base }),
    renderOf("upgradereminder", {
      ...upgradeContext(3),
      first_course_name: evil,
      course_links: [{ url: "/x", name: evil }],
    }, { base }),
  ];
  for (const email of emails) {
    for (const html of [email.head_html, email.body_html]) {
      assert.ok(!html.includes("<script"), html);
      assert.ok(html.includes("&lt;script>alert(1)&lt;/script>"));
    }
  }
  assert.match(emails[1]?.body ?? "", /\* <script>alert\(1\)<\/script>/); // text is not HTML
});

Deno.test("renderEmail() puts subject and from-name on one trimmed line", () => {
  const context = {
    ...nudgeContext(1, false),
    course_name: "\n  Intro\r\n to\tPython  \n",
  };
  const email = renderOf("recurringnudge_day3", context);
  assert.equal(email.subject, "Keep learning in Intro to Python");
  assert.equal(email.from_name, "Intro to Python");
  for (const field of FIELDS) {
    assert.equal(email[field], email[field].trim(), field);
  }
});

Deno.test("renderEmail() leaks no template markers or missing values", () => {
  const leaks =
    /\{\{|\}\}|undefined|\bnull\b|\bNaN\b|\[object Object\]|\{[a-z_]+\}/;
  for (const name of MESSAGE_NAMES) {
    for (const variant of ["single", "multi"] as const) {
      for (const language of ["en", "es", "ar", "pt-br"]) {
        const input: EmailInput = {
          ...goldenInput(name, variant),
          channel: { trackerImageSources: [], actionLinks: [] },
        };
        input.message = { ...input.message, language };
        const email = renderEmail(input);
        for (const field of FIELDS) {
          assert.doesNotMatch(
            email[field],
            leaks,
            `${name}.${variant} ${language} ${field}`,
          );
        }
      }
    }
  }
});

Deno.test("renderEmail() stays under 90 KB even for a long message", () => {
  const long = "A very long course name that goes on and on ".repeat(4);
  const reminder = upgradeContext(9);
  reminder.course_links = reminder.course_links.map((link) => ({
    ...link,
    name: long,
  }));
  const update = {
    ...updateContext(1, true, true),
    week_highlights: Array(20).fill(long),
  };
  const emails = [
    renderOf("upgradereminder", reminder, { channel: SAILTHRU_HOOKS }),
    renderOf("instructorledcourseupdate", update, { channel: SAILTHRU_HOOKS }),
    ...MESSAGE_NAMES.map((name) => renderEmail(goldenInput(name, "multi"))),
  ];
  for (const email of emails) {
    const size =
      new TextEncoder().encode(email.head_html + email.body_html).length;
    assert.ok(size < 90_000, `${email.subject}: ${size} bytes`);
  }
});

Deno.test("renderEmail() applies the theme: outline buttons, links, switches, footer lines", () => {
  const base = baseContext();
  base.theme = {
    ...base.theme,
    primary_color: "#aa0000",
    accent_color: "not-a-colour",
    button_style: "outline",
    header_links: [{
      label: "Catalog",
      url: "https://www.example.com/catalog",
    }],
    footer_lines: ["Sent by the Example Academy team."],
    show_social: false,
    show_app_badges: false,
  };
  const email = renderOf("recurringnudge_day3", nudgeContext(1, true), {
    base,
  });
  assert.match(
    email.body_html,
    /<a href="[^"]*" style="color:#aa0000;background-color:#ffffff;border:3px solid #aa0000;[^"]*">Start learning now<\/a>/,
  );
  assert.match(
    email.body_html,
    /border:3px solid #008100;[^"]*">Upgrade Now<\/a>/,
  );
  const [catalog] = hrefsOf(email.body_html, "Catalog");
  assert.ok(
    catalog?.startsWith("https://www.example.com/catalog?utm_source=schedules"),
  );
  assert.doesNotMatch(email.body_html, /My Account|on LinkedIn|Apple Store/);
  assert.match(email.body_html, /<br><br>Sent by the Example Academy team\./);
});

Deno.test("renderEmail() falls back to English strings and uses imported catalogs first", () => {
  const input = emailInput("recurringnudge_day10", nudgeContext(1, false), {
    language: "de-ch",
  });
  const english = renderEmail(input);
  assert.equal(english.subject, "Keep up the momentum!");
  assert.match(english.body_html, /lang="de-ch" dir="ltr"/);
  const german = renderEmail(input, {
    catalogs: { de: { "Keep up the momentum!": "Bleib am Ball!" } },
  });
  assert.equal(german.subject, "Bleib am Ball!");
  assert.match(german.body_html, /<h1[^>]*>Bleib am Ball!<\/h1>/);
  assert.match(german.body_html, />Keep learning<\/a>/);
  const french = renderEmail(
    emailInput("recurringnudge_day10", nudgeContext(1, false), {
      language: "fr-ca",
    }),
    { catalogs: { fr: { "Keep learning": "Apprendre encore" } } },
  );
  // The subject is one line with whitespace runs collapsed: the no-break space too.
  assert.equal(french.subject, "Gardez le rythme !");
  assert.match(french.body_html, /<h1[^>]*>Gardez le rythme\u00a0!<\/h1>/);
  assert.match(french.body_html, />Apprendre encore<\/a>/);
});
