import assert from "node:assert/strict";
import { parseDateTime } from "../../src/domain/dates.ts";
import { importConfigValue } from "../../src/import/config.ts";
import { loadConfig } from "../../src/store/config_store.ts";
import { importText, memoryDb, NOW, query, snapshot } from "./_support.ts";
import { dataError, testdata } from "./_support_assert.ts";

Deno.test("config import merges the example file into the defaults", async () => {
  using db = memoryDb();
  const result = await importText(db, "config", await testdata("config.json"), {
    file: "config.json",
  });
  // platform settings, 2 sites, 1 site configuration, 1 schedule config, 3 deadline rows
  assert.equal(result.inserted, 8);
  const config = loadConfig(db);
  assert.equal(config.platform.platform_name, "Example Academy");
  assert.equal(config.platform.verification_window_days, 7);
  assert.equal(config.platform.theme.primary_color, "#112233");
  assert.equal(
    config.platform.theme.accent_color,
    "#008100",
    "theme merged key by key",
  );
  assert.equal(config.sailthru.template_name, "ACE");
  assert.equal(config.sailthru.api_url, "https://api.sailthru.com");
  assert.equal(config.segment.api_url, "https://segment.example.com");
  assert.deepEqual(config.sites.map((s) => [s.domain, s.configuration]), [
    ["courses.example.com", {
      enabled: true,
      values: {
        course_org_filter: ["ExampleX"],
        email_from_address: "news@example.com",
      },
    }],
    ["other.example.com", null],
  ]);
  assert.equal(config.sites[0]!.schedule_config.enqueue_recurring_nudge, true);
  assert.equal(config.sites[0]!.schedule_config.enqueue_course_update, false);
  assert.deepEqual(config.dynamic_upgrade_deadline, {
    global: { enabled: true, deadline_days: 21 },
    orgs: { ExampleX: { enabled: true, deadline_days: 14, opt_out: false } },
    courses: {
      "course-v1:ExampleX+SP101+2026": {
        enabled: true,
        deadline_days: 10,
        opt_out: false,
      },
    },
  });
  assert.deepEqual(
    query(db, "SELECT DISTINCT change_date FROM schedule_configs"),
    [{ change_date: NOW }],
  );
});

Deno.test("config import writes nothing the second time", async () => {
  using db = memoryDb();
  const file = await testdata("config.json");
  await importText(db, "config", file);
  const before = snapshot(db);
  const again = await importText(db, "config", file);
  assert.equal(again.inserted, 0);
  assert.equal(snapshot(db), before);
});

Deno.test("config import merges flag by flag, value by value, and writes only what changed", async () => {
  using db = memoryDb();
  await importText(db, "config", await testdata("config.json"));
  const later = parseDateTime("2026-03-02T00:00:00Z");
  const result = await importText(
    db,
    "config",
    JSON.stringify({
      sites: [{
        domain: "COURSES.example.com",
        configuration: {
          values: { platform_name: "Branded", email_from_address: null },
        },
        schedule_config: { deliver_course_update: true },
      }],
      dynamic_upgrade_deadline: {
        orgs: [{ org_id: "ExampleX", opt_out: true }],
      },
    }),
    { now: later },
  );
  assert.equal(result.inserted, 3);
  const config = loadConfig(db);
  const site = config.sites[0]!;
  assert.equal(site.domain, "courses.example.com");
  assert.deepEqual(site.configuration, {
    enabled: true,
    values: { course_org_filter: ["ExampleX"], platform_name: "Branded" },
  });
  assert.equal(site.schedule_config.enqueue_recurring_nudge, true);
  assert.equal(site.schedule_config.deliver_course_update, true);
  assert.deepEqual(config.dynamic_upgrade_deadline.orgs.ExampleX, {
    enabled: true,
    deadline_days: 14,
    opt_out: true,
  });
  assert.equal(
    query(db, "SELECT COUNT(*) AS n FROM schedule_configs")[0]!.n,
    2,
    "old rows kept",
  );
  assert.equal(
    config.platform.platform_name,
    "Example Academy",
    "platform untouched",
  );
});

Deno.test("config import: a listed site without configuration keeps none", async () => {
  using db = memoryDb();
  await importText(db, "config", '{"sites":[{"domain":"plain.example.com"}]}');
  assert.deepEqual(loadConfig(db).sites, [{
    domain: "plain.example.com",
    configuration: null,
    schedule_config: loadConfig(db).sites[0]!.schedule_config,
  }]);
  assert.deepEqual(query(db, "SELECT * FROM site_configurations"), []);
  assert.deepEqual(
    query(db, "SELECT * FROM schedule_configs"),
    [],
    "default flags need no row",
  );
});

Deno.test("config import names the JSON path of every wrong value and changes nothing", async () => {
  using db = memoryDb();
  const before = snapshot(db);
  const error = await dataError(
    importText(db, "config", await testdata("config_bad.json"), {
      file: "config_bad.json",
    }),
  );
  assert.equal(
    error.message,
    'Cannot import "config_bad.json": 8 problems, nothing imported',
  );
  assert.deepEqual(error.details, [
    "platform.platform_name: expected a string",
    "platform.theme.primary_color: expected a colour #rrggbb",
    "platform.theme.header_links[0].url: expected an https URL or a site-relative path",
    "sites[0].schedule_config.enqueue_recurring_nudge: expected a boolean",
    "dynamic_upgrade_deadline.global.deadline_days: expected an integer of at least 0",
    'dynamic_upgrade_deadline.courses[0].course_id: "nope" is not an Open edX course key (course-v1:ORG+COURSE+RUN or ORG/COURSE/RUN)',
    "unknown_section: unknown key",
    "sites[1].domain: duplicate of sites[0]",
  ]);
  assert.equal(snapshot(db), before);
});

Deno.test("config import words a single problem in one line", () => {
  using db = memoryDb();
  assert.throws(
    () =>
      importConfigValue(
        db,
        {
          sites: [{
            domain: "a.example.com",
            schedule_config: { enqueue_recurring_nudge: 1 },
          }],
        },
        { file: "c.json", now: NOW },
      ),
    {
      message:
        'Cannot import "c.json": sites[0].schedule_config.enqueue_recurring_nudge: expected a boolean',
    },
  );
});

Deno.test("config import checks site themes and org filters", () => {
  using db = memoryDb();
  assert.throws(
    () =>
      importConfigValue(db, {
        sites: [{
          domain: "a.example.com",
          configuration: {
            values: {
              course_org_filter: [1],
              theme: {
                header_links: [{ label: "x", url: "//evil.example.com" }],
              },
            },
          },
        }],
      }, { file: "c.json", now: NOW }),
    (error: Error & { details?: string[] }) => {
      assert.deepEqual(error.details, [
        "sites[0].configuration.values.course_org_filter: expected a string or a list of strings",
        "sites[0].configuration.values.theme.header_links[0].url: expected an https URL or a site-relative path",
      ]);
      return true;
    },
  );
});

Deno.test("config import rejects invalid JSON, an empty file and a non-object", async () => {
  using db = memoryDb();
  assert.match(
    (await dataError(importText(db, "config", "{nope", { file: "c.json" })))
      .message,
    /^Cannot import "c\.json": invalid JSON/,
  );
  assert.equal(
    (await dataError(importText(db, "config", "  \n", { file: "c.json" })))
      .message,
    'Cannot import "c.json": the file is empty',
  );
  assert.equal(
    (await dataError(importText(db, "config", "[]", { file: "c.json" })))
      .message,
    'Cannot import "c.json": (top level): expected an object',
  );
});

Deno.test("config import in a dry run counts rows and writes none", async () => {
  using db = memoryDb();
  const before = snapshot(db);
  const result = await importText(db, "config", await testdata("config.json"), {
    dryRun: true,
  });
  assert.equal(result.inserted, 8);
  assert.equal(snapshot(db), before);
});
