/** Tests of src/render/pixel.ts: the GA open pixel URL (delivery.md §4.1). */
import assert from "node:assert/strict";
import { gaPixelUrl } from "../../src/render/pixel.ts";
import type { MessageMeta } from "../../src/render/types.ts";
import { baseContext } from "./_inputs.ts";

const UUID = "11111111-1111-4111-8111-111111111111";
const SEND = "22222222-2222-4222-8222-222222222222";
const MESSAGE: MessageMeta = {
  appLabel: "schedules",
  name: "recurringnudge_day3",
  uuid: UUID,
  sendUuid: SEND,
  userId: 42,
  siteDomain: "courses.example.com",
  language: "en",
};
const COURSE = "course-v1:edX+DemoX+Demo_Course";
const SPEC_EXAMPLE =
  "https://www.google-analytics.com/collect?v=1&t=event&cs=schedules" +
  `&cm=email&cn=recurringnudge_day3&cc=${UUID}&ec=email&ea=edx.bi.email.opened` +
  `&dp=%2Femail%2Fschedules%2Frecurringnudge_day3%2F${SEND}%2F${UUID}` +
  "&dh=courses.example.com&uid=42&cid=555&tid=UA-123456-1" +
  "&el=course-v1%3AedX%2BDemoX%2BDemo_Course";

Deno.test("gaPixelUrl() builds the spec's example URL in upstream's parameter order", () => {
  assert.equal(gaPixelUrl(MESSAGE, baseContext(), [COURSE]), SPEC_EXAMPLE);
});

Deno.test("gaPixelUrl() returns null when the site has no tracking id", () => {
  const base = { ...baseContext(), google_analytics_tracking_id: "" };
  assert.equal(gaPixelUrl(MESSAGE, base, [COURSE]), null);
});

Deno.test("gaPixelUrl() adds cd<N> with the user id before el when a dimension is set", () => {
  const base = {
    ...baseContext(),
    google_analytics_user_id_custom_dimension: 5,
  };
  const url = gaPixelUrl(MESSAGE, base, [COURSE]) ?? "";
  assert.ok(
    url.endsWith(
      "&tid=UA-123456-1&cd5=42&el=course-v1%3AedX%2BDemoX%2BDemo_Course",
    ),
  );
});

Deno.test("gaPixelUrl() omits el without course ids and trims the domain's slash", () => {
  const message = { ...MESSAGE, siteDomain: "courses.example.com/" };
  const url = new URL(gaPixelUrl(message, baseContext(), []) ?? "");
  assert.equal(url.searchParams.get("el"), null);
  assert.equal(url.searchParams.get("dh"), "courses.example.com");
  assert.equal(url.searchParams.get("uid"), "42");
});
