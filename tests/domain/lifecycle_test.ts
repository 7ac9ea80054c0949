import assert from "node:assert/strict";
import type { DeadlineConfig, DeadlineRow } from "../../src/config.ts";
import { parseDateTime } from "../../src/domain/dates.ts";
import {
  type CourseFacts,
  deadlineDelta,
  hasHighlights,
  implicitVerifiedExpiration,
  newSchedule,
  resetStartDate,
  upgradeDeadline,
  verifiedModeExpiration,
} from "../../src/domain/lifecycle.ts";
import { DAY_MS } from "../../src/domain/types.ts";

const at = parseDateTime;
const NOW = at("2026-03-01T00:00:00Z");
const COURSE = "course-v1:Org+C+R";

function deadlines(
  global: boolean,
  org?: Partial<DeadlineRow>,
  course?: Partial<DeadlineRow>,
): DeadlineConfig {
  const row = (r: Partial<DeadlineRow>): DeadlineRow => ({
    enabled: true,
    deadline_days: 21,
    opt_out: false,
    ...r,
  });
  return {
    global: { enabled: global, deadline_days: 21 },
    orgs: org ? { Org: row(org) } : {},
    courses: course ? { [COURSE]: row(course) } : {},
  };
}

const PRECEDENCE: [string, DeadlineConfig, number | null][] = [
  ["nothing configured", deadlines(false), null],
  ["global only", deadlines(true), 21],
  ["org opt-in over global", deadlines(true, { deadline_days: 14 }), 14],
  ["org opt-in without global", deadlines(false, { deadline_days: 14 }), 14],
  ["org opt-out", deadlines(true, { opt_out: true }), null],
  [
    "disabled org row is neutral",
    deadlines(true, { enabled: false, deadline_days: 3 }),
    21,
  ],
  [
    "course opt-in over org opt-out",
    deadlines(true, { opt_out: true }, { deadline_days: 10 }),
    10,
  ],
  [
    "course opt-in without global",
    deadlines(false, undefined, { deadline_days: 10 }),
    10,
  ],
  [
    "course opt-out over org opt-in",
    deadlines(true, { deadline_days: 14 }, { opt_out: true }),
    null,
  ],
  [
    "disabled course row is neutral",
    deadlines(true, { deadline_days: 14 }, { enabled: false }),
    14,
  ],
];

for (const [name, config, expected] of PRECEDENCE) {
  Deno.test(`deadlineDelta() follows creation-time precedence: ${name}`, () => {
    assert.equal(deadlineDelta(config, "Org", COURSE), expected);
  });
}

Deno.test("deadlineDelta() ignores rows of other orgs and courses", () => {
  const config = deadlines(true, { deadline_days: 5 }, { deadline_days: 6 });
  assert.equal(deadlineDelta(config, "Other", "course-v1:Other+C+R"), 21);
});

function facts(
  modes: CourseFacts["modes"] = [],
  start: number | null = at("2026-02-01"),
  highlights = false,
): CourseFacts {
  return {
    course: { id: COURSE, org: "Org", start },
    modes,
    hasHighlights: highlights,
  };
}

Deno.test("verifiedModeExpiration() prefers professional and skips expired modes", () => {
  const verified = {
    modeSlug: "verified",
    expirationDatetime: at("2026-04-01"),
  };
  const professional = {
    modeSlug: "professional",
    expirationDatetime: at("2026-05-01"),
  };
  const expiredPro = {
    modeSlug: "professional",
    expirationDatetime: at("2026-02-01"),
  };
  assert.equal(
    verifiedModeExpiration([verified, professional], NOW),
    at("2026-05-01"),
  );
  assert.equal(
    verifiedModeExpiration([verified, expiredPro], NOW),
    at("2026-04-01"),
  );
  assert.equal(
    verifiedModeExpiration(
      [{ modeSlug: "audit", expirationDatetime: null }],
      NOW,
    ),
    null,
  );
  assert.equal(
    verifiedModeExpiration(
      [{ modeSlug: "verified", expirationDatetime: null }],
      NOW,
    ),
    null,
  );
  assert.equal(
    verifiedModeExpiration(
      [{ modeSlug: "verified", expirationDatetime: NOW }],
      NOW,
    ),
    NOW,
    "a mode expiring exactly now is still current",
  );
});

const EXPIRY: [string, CourseFacts["modes"], number | null][] = [
  ["verified expiry earlier caps the deadline", [{
    modeSlug: "verified",
    expirationDatetime: at("2026-03-05"),
  }], at("2026-03-05")],
  ["verified expiry later keeps start + delta", [{
    modeSlug: "verified",
    expirationDatetime: at("2026-06-01"),
  }], at("2026-03-10") + 21 * DAY_MS],
  ["no verified mode keeps start + delta", [], at("2026-03-10") + 21 * DAY_MS],
  ["expired verified mode is ignored", [{
    modeSlug: "verified",
    expirationDatetime: at("2026-02-15"),
  }], at("2026-03-10") + 21 * DAY_MS],
  ["verified mode without expiry keeps start + delta", [{
    modeSlug: "verified",
    expirationDatetime: null,
  }], at("2026-03-10") + 21 * DAY_MS],
];

for (const [name, modes, expected] of EXPIRY) {
  Deno.test(`upgradeDeadline(): ${name}`, () => {
    assert.equal(
      upgradeDeadline(at("2026-03-10"), facts(modes), deadlines(true), NOW),
      expected,
    );
  });
}

Deno.test("upgradeDeadline() is null without a delta even when a verified mode expires", () => {
  const modes = [{
    modeSlug: "verified",
    expirationDatetime: at("2026-03-05"),
  }];
  assert.equal(
    upgradeDeadline(at("2026-03-10"), facts(modes), deadlines(false), NOW),
    null,
  );
});

Deno.test("newSchedule() starts at the later of enrollment and course start", () => {
  const before = newSchedule(
    at("2026-01-10T08:00:00Z"),
    facts(),
    deadlines(true),
    NOW,
  );
  assert.deepEqual(before, {
    startDate: at("2026-02-01"),
    upgradeDeadline: at("2026-02-22"),
    experience: 0,
  });
  const after = newSchedule(
    at("2026-02-10T08:30:15.250Z"),
    facts(),
    deadlines(false),
    NOW,
  );
  assert.deepEqual(after, {
    startDate: at("2026-02-10T08:30:15.250Z"),
    upgradeDeadline: null,
    experience: 0,
  });
});

Deno.test("newSchedule() gives course_updates when the course has highlights", () => {
  const schedule = newSchedule(
    at("2026-02-10"),
    facts([], at("2026-02-01"), true),
    deadlines(false),
    NOW,
  );
  assert.equal(schedule?.experience, 1);
});

Deno.test("newSchedule() is null for a course without a start", () => {
  assert.equal(
    newSchedule(at("2026-02-10"), facts([], null), deadlines(true), NOW),
    null,
  );
});

Deno.test("hasHighlights() needs highlights enabled and a visible non-empty highlight", () => {
  const visible = { highlights: ["Intro"], hideFromToc: false };
  const hidden = { highlights: ["Secret"], hideFromToc: true };
  const empty = { highlights: [""], hideFromToc: false };
  const none = { highlights: [], hideFromToc: false };
  assert.equal(
    hasHighlights({ highlightsEnabled: true }, [none, visible]),
    true,
  );
  assert.equal(hasHighlights({ highlightsEnabled: false }, [visible]), false);
  assert.equal(
    hasHighlights({ highlightsEnabled: true }, [hidden, empty, none]),
    false,
  );
  assert.equal(hasHighlights({ highlightsEnabled: true }, []), false);
});

Deno.test("resetStartDate() uses the enrollment date for audit and honor, else now", () => {
  const course = { selfPaced: true, start: at("2026-01-01") };
  const created = at("2026-02-01T10:00:00Z");
  assert.equal(resetStartDate(course, created, "audit", NOW), created);
  assert.equal(resetStartDate(course, created, "honor", NOW), created);
  assert.equal(resetStartDate(course, created, "verified", NOW), NOW);
  assert.equal(resetStartDate(course, created, "professional", NOW), NOW);
});

Deno.test("resetStartDate() never goes before the course start", () => {
  const course = { selfPaced: true, start: at("2026-06-01") };
  assert.equal(
    resetStartDate(course, at("2026-02-01"), "audit", NOW),
    at("2026-06-01"),
  );
  assert.equal(
    resetStartDate(course, at("2026-02-01"), "verified", NOW),
    at("2026-06-01"),
  );
});

Deno.test("resetStartDate() leaves instructor-paced courses alone", () => {
  const course = { selfPaced: false, start: at("2026-01-01") };
  assert.equal(resetStartDate(course, at("2026-02-01"), "verified", NOW), null);
});

Deno.test("implicitVerifiedExpiration() is the end minus the window, or null", () => {
  assert.equal(
    implicitVerifiedExpiration(at("2026-06-30"), 10),
    at("2026-06-20"),
  );
  assert.equal(
    implicitVerifiedExpiration(at("2026-06-30"), 0),
    at("2026-06-30"),
  );
  assert.equal(implicitVerifiedExpiration(null, 10), null);
});
