import { deepEqual, equal } from "node:assert/strict";
import {
  type DeadlineConfig,
  DEFAULT_DEADLINES,
  DEFAULT_PLATFORM,
  type PlatformConfig,
} from "../../src/config.ts";
import { parseDateTime } from "../../src/domain/dates.ts";
import type { Course, CourseMode } from "../../src/domain/types.ts";
import {
  dynamicDeadline,
  effectiveDeadline,
  upsellFor,
  type UpsellInput,
  verifiedMode,
} from "../../src/domain/upsell.ts";

const TODAY = Temporal.PlainDate.from("2026-03-16");
const NOW = parseDateTime("2026-03-16");
const course: Course = {
  id: "course-v1:Org+C+1",
  displayName: "C",
  org: "Org",
  start: parseDateTime("2026-01-01"),
  end: null,
  selfPaced: true,
  language: null,
  highlightsEnabled: false,
  weeksToComplete: null,
};
const mode = (slug: string, expires: string | null = null): CourseMode => ({
  courseId: course.id,
  modeSlug: slug,
  expirationDatetime: expires ? parseDateTime(expires) : null,
  expirationIsExplicit: expires !== null,
  sku: `sku-${slug}`,
  minPrice: 10,
});
const input = (overrides: Partial<UpsellInput> = {}): UpsellInput => ({
  course,
  modes: [mode("audit"), mode("verified")],
  mode: "audit",
  enrollmentActive: true,
  upgradeDeadline: parseDateTime("2026-03-20"),
  ...overrides,
});
const deadlines = (
  overrides: Partial<DeadlineConfig> = {},
): DeadlineConfig => ({
  ...structuredClone(DEFAULT_DEADLINES),
  global: { enabled: true, deadline_days: 21 },
  ...overrides,
});
const row = (enabled: boolean, optOut: boolean) => ({
  enabled,
  deadline_days: 5,
  opt_out: optOut,
});

Deno.test("dynamicDeadline() follows the read-time precedence of behaviour.md §1.5", () => {
  const cases: [string, DeadlineConfig, UpsellInput, number | null][] = [
    ["global on", deadlines(), input(), parseDateTime("2026-03-20")],
    [
      "global off, course opted in",
      deadlines({
        global: { enabled: false, deadline_days: 21 },
        courses: { [course.id]: row(true, false) },
      }),
      input(),
      null,
    ],
    [
      "course opted out",
      deadlines({ courses: { [course.id]: row(true, true) } }),
      input(),
      null,
    ],
    [
      "org opted out",
      deadlines({ orgs: { Org: row(true, true) } }),
      input(),
      null,
    ],
    [
      "org opted out, course opted in",
      deadlines({
        orgs: { Org: row(true, true) },
        courses: { [course.id]: row(true, false) },
      }),
      input(),
      parseDateTime("2026-03-20"),
    ],
    [
      "disabled rows are neutral",
      deadlines({
        orgs: { Org: row(false, true) },
        courses: { [course.id]: row(false, true) },
      }),
      input(),
      parseDateTime("2026-03-20"),
    ],
    [
      "instructor-paced",
      deadlines(),
      input({ course: { ...course, selfPaced: false } }),
      null,
    ],
    [
      "inactive enrollment",
      deadlines(),
      input({ enrollmentActive: false }),
      null,
    ],
  ];
  for (const [label, config, facts, expected] of cases) {
    equal(dynamicDeadline(facts, config), expected, label);
  }
});

Deno.test("effectiveDeadline() needs audit/honor, a future deadline and a non-professional verified mode", () => {
  const dyn = parseDateTime("2026-03-20");
  equal(effectiveDeadline(input(), dyn, NOW), dyn);
  equal(effectiveDeadline(input({ mode: "honor" }), dyn, NOW), dyn);
  equal(effectiveDeadline(input({ mode: "verified" }), dyn, NOW), null);
  equal(
    effectiveDeadline(input(), NOW, NOW),
    null,
    "a deadline at now has passed",
  );
  equal(effectiveDeadline(input({ modes: [mode("audit")] }), dyn, NOW), null);
  equal(
    effectiveDeadline(
      input({ modes: [mode("verified"), mode("professional")] }),
      dyn,
      NOW,
    ),
    null,
  );
  equal(
    effectiveDeadline(
      input({ modes: [mode("verified", "2026-04-01")] }),
      null,
      NOW,
    ),
    parseDateTime("2026-04-01"),
  );
  equal(
    effectiveDeadline(
      input({ modes: [mode("verified", "2026-03-01")] }),
      dyn,
      NOW,
    ),
    null,
    "expired mode",
  );
});

Deno.test("verifiedMode() prefers a current professional mode", () => {
  equal(
    verifiedMode([mode("verified"), mode("professional")], NOW)?.modeSlug,
    "professional",
  );
  equal(
    verifiedMode([mode("verified"), mode("professional", "2026-01-01")], NOW)
      ?.modeSlug,
    "verified",
  );
  equal(verifiedMode([mode("audit")], NOW), undefined);
});

Deno.test("upsellFor() links to the dashboard, or to ecommerce checkout when enabled", () => {
  deepEqual(upsellFor(input(), deadlines(), DEFAULT_PLATFORM, TODAY), {
    show: true,
    link: "/dashboard",
    deadline: parseDateTime("2026-03-20"),
  });
  const shop: PlatformConfig = {
    ...DEFAULT_PLATFORM,
    ecommerce: {
      enabled: true,
      public_url_root: "https://shop.example.com/",
      basket_path: "/basket/add/",
    },
  };
  const upsell = upsellFor(input(), deadlines(), shop, TODAY);
  equal(
    upsell.show && upsell.link,
    "https://shop.example.com/basket/add/?sku=sku-verified",
  );
  equal(
    upsellFor(input({ mode: "verified" }), deadlines(), DEFAULT_PLATFORM, TODAY)
      .show,
    false,
  );
  equal(
    upsellFor(
      input(),
      deadlines({ global: { enabled: false, deadline_days: 21 } }),
      DEFAULT_PLATFORM,
      TODAY,
    ).show,
    false,
  );
});
