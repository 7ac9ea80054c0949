/**
 * parseDateTime(): the character-code path for the usual forms gives what the general path
 * gives. A leading space sends a text down the general path (it trims), so the two are compared
 * on the same date.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseDateTime } from "../../src/domain/dates.ts";

/** The value, or the fact that it was refused. */
function outcome(text: string): number | "refused" {
  try {
    return parseDateTime(text);
  } catch (error) {
    if (error instanceof RangeError) return "refused";
    throw error;
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Datetimes in the usual forms, impossible days and times included. */
const usual = fc.record({
  year: fc.integer({ min: 0, max: 9999 }),
  month: fc.integer({ min: 0, max: 13 }),
  day: fc.integer({ min: 0, max: 32 }),
  time: fc.option(
    fc.record({
      separator: fc.constantFrom("T", " "),
      hour: fc.integer({ min: 0, max: 24 }),
      minute: fc.integer({ min: 0, max: 60 }),
      second: fc.integer({ min: 0, max: 60 }),
      fraction: fc.option(
        fc.record({
          mark: fc.constantFrom(".", ","),
          digits: fc.string({
            unit: fc.constantFrom(..."0123456789"),
            minLength: 0,
            maxLength: 10,
          }),
        }),
      ),
      zulu: fc.boolean(),
    }),
  ),
}).map(({ year, month, day, time }) => {
  let text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (time) {
    text += `${time.separator}${pad(time.hour, 2)}:${pad(time.minute, 2)}:${
      pad(time.second, 2)
    }`;
    if (time.fraction) text += time.fraction.mark + time.fraction.digits;
    if (time.zulu) text += "Z";
  }
  return text;
});

Deno.test("parseDateTime() reads the usual forms as the general path does", () => {
  fc.assert(
    fc.property(usual, (text) => {
      assert.deepEqual(outcome(text), outcome(` ${text}`), text);
    }),
    { numRuns: 5000 },
  );
});

Deno.test("parseDateTime() reads the usual forms to the millisecond", () => {
  const cases: [string, string][] = [
    ["2026-01-01", "2026-01-01T00:00:00.000Z"],
    ["2025-01-01T00:07:30Z", "2025-01-01T00:07:30.000Z"],
    ["2024-02-29 23:59:59.999999", "2024-02-29T23:59:59.999Z"],
    ["2000-02-29T12:00:00,5", "2000-02-29T12:00:00.500Z"],
    ["1969-12-31T23:59:59.25Z", "1969-12-31T23:59:59.250Z"],
    ["0001-03-01T00:00:00", "0001-03-01T00:00:00.000Z"],
  ];
  for (const [text, iso] of cases) {
    assert.equal(new Date(parseDateTime(text)).toISOString(), iso, text);
  }
  for (const text of ["2023-02-29", "1900-02-29", "2026-04-31T00:00:00"]) {
    assert.throws(() => parseDateTime(text), /is not a valid date/, text);
  }
  for (
    const text of ["2026-01-01T10:00:00.", "2026-01-01T10:00:00.1234567890"]
  ) {
    assert.throws(() => parseDateTime(text), /is not an ISO 8601 date/, text);
  }
});
