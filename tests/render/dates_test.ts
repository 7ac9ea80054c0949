/** Tests of src/render/dates.ts: the upgrade deadline in the message language. */
import assert from "node:assert/strict";
import { formatDate } from "../../src/render/dates.ts";

/** Epoch milliseconds of a UTC datetime. */
function utc(iso: string): number {
  return Date.parse(`${iso}Z`);
}

Deno.test("formatDate() writes English as Django's N j, Y with AP month names", () => {
  const cases: [string, string][] = [
    ["2017-08-08T00:00:00", "Aug. 8, 2017"],
    ["2026-01-05T12:00:00", "Jan. 5, 2026"],
    ["2026-02-28T12:00:00", "Feb. 28, 2026"],
    ["2026-03-01T12:00:00", "March 1, 2026"],
    ["2026-04-10T12:00:00", "April 10, 2026"],
    ["2026-05-21T12:00:00", "May 21, 2026"],
    ["2026-06-30T12:00:00", "June 30, 2026"],
    ["2026-07-04T12:00:00", "July 4, 2026"],
    ["2026-09-15T12:00:00", "Sept. 15, 2026"],
    ["2026-10-31T12:00:00", "Oct. 31, 2026"],
    ["2026-11-11T12:00:00", "Nov. 11, 2026"],
    ["2026-12-25T12:00:00", "Dec. 25, 2026"],
  ];
  for (const [iso, expected] of cases) {
    assert.equal(formatDate(utc(iso), "en"), expected, iso);
  }
});

Deno.test("formatDate() uses the UTC date across a month and year boundary", () => {
  assert.equal(formatDate(utc("2017-12-31T23:59:59"), "en"), "Dec. 31, 2017");
  assert.equal(formatDate(utc("2018-01-01T00:00:00"), "en"), "Jan. 1, 2018");
  assert.equal(
    formatDate(utc("2018-01-31T23:30:00"), "en-us"),
    "Jan. 31, 2018",
  );
});

Deno.test("formatDate() lower-cases every es* language", () => {
  assert.equal(
    formatDate(utc("2017-08-08T10:00:00"), "es"),
    "8 de agosto de 2017",
  );
  assert.equal(
    formatDate(utc("2017-08-08T10:00:00"), "es-419"),
    "8 de agosto de 2017",
  );
  assert.equal(
    formatDate(utc("2017-08-08T10:00:00"), "es_MX"),
    "8 de agosto de 2017",
  );
});

Deno.test("formatDate() uses Intl's long date for other languages", () => {
  const at = utc("2017-08-08T10:00:00");
  const expected = new Intl.DateTimeFormat("fr", {
    dateStyle: "long",
    timeZone: "UTC",
  })
    .format(at);
  assert.equal(formatDate(at, "fr"), expected);
  assert.match(formatDate(at, "fr"), /août/);
});

Deno.test("formatDate() falls back to English for unknown or malformed languages", () => {
  const at = utc("2017-08-08T10:00:00");
  assert.equal(formatDate(at, ""), "Aug. 8, 2017");
  assert.equal(formatDate(at, "not a language!"), "Aug. 8, 2017");
});
