/** Tests of src/render/links.ts: absolute links and UTM tagging (delivery.md §4.2). */
import assert from "node:assert/strict";
import { absoluteUrl, quotePlus, trackLink } from "../../src/render/links.ts";
import type { MessageMeta } from "../../src/render/types.ts";

const MESSAGE: MessageMeta = {
  appLabel: "schedules",
  name: "recurringnudge_day3",
  uuid: "11111111-1111-4111-8111-111111111111",
  sendUuid: "22222222-2222-4222-8222-222222222222",
  userId: 42,
  siteDomain: "courses.example.com",
  language: "en",
};
const COURSE = "course-v1:edX+DemoX+Demo_Course";
const UTM =
  "utm_source=schedules&utm_medium=email&utm_campaign=recurringnudge_day3";
const TERM = "utm_term=course-v1%3AedX%2BDemoX%2BDemo_Course";
const CONTENT = "utm_content=11111111-1111-4111-8111-111111111111";

Deno.test("absoluteUrl() puts relative links on https://<site domain>/", () => {
  const cases: [string, string, string][] = [
    [
      "/dashboard",
      "courses.example.com",
      "https://courses.example.com/dashboard",
    ],
    [
      "dashboard",
      "courses.example.com",
      "https://courses.example.com/dashboard",
    ],
    [
      "/dashboard",
      "courses.example.com/",
      "https://courses.example.com/dashboard",
    ],
    ["", "courses.example.com", "https://courses.example.com/"],
    ["/x?a=1#f", "courses.example.com", "https://courses.example.com/x?a=1#f"],
  ];
  for (const [url, domain, expected] of cases) {
    assert.equal(absoluteUrl(url, domain), expected, url);
  }
});

Deno.test("absoluteUrl() leaves links with a host unchanged", () => {
  for (
    const url of [
      "http://a.example/x",
      "https://b.example",
      "//cdn.example/x.png",
    ]
  ) {
    assert.equal(absoluteUrl(url, "courses.example.com"), url);
  }
});

Deno.test("quotePlus() encodes like Python's quote_plus", () => {
  assert.equal(
    quotePlus("course-v1:edX+DemoX+Demo_Course"),
    "course-v1%3AedX%2BDemoX%2BDemo_Course",
  );
  assert.equal(quotePlus("a b/c~d.e_f"), "a+b%2Fc~d.e_f");
  assert.equal(quotePlus("é&="), "%C3%A9%26%3D");
});

Deno.test("trackLink() follows the spec's worked example", () => {
  const url =
    "https://courses.example.com/course/?a=&b=1&utm_source=x&b=2#frag";
  assert.equal(
    trackLink(url, MESSAGE, [COURSE]),
    `https://courses.example.com/course/?b=1&b=2&${UTM}&${TERM}&${CONTENT}#frag`,
  );
});

Deno.test("trackLink() makes relative links absolute and adds utm_* in order", () => {
  assert.equal(
    trackLink("/dashboard", MESSAGE, [COURSE, "course-v1:X+Y+Z"]),
    `https://courses.example.com/dashboard?${UTM}&${TERM}&${CONTENT}`,
  );
});

Deno.test("trackLink() omits utm_term when there are no course ids", () => {
  assert.equal(
    trackLink("/dashboard", MESSAGE, []),
    `https://courses.example.com/dashboard?${UTM}&${CONTENT}`,
  );
});

Deno.test("trackLink() overwrites existing utm values in place and drops valueless fields", () => {
  const url =
    "https://x.example/p?utm_content=old&flag&q=a+b%20c&utm_medium=web";
  assert.equal(
    trackLink(url, MESSAGE, []),
    "https://x.example/p?utm_content=11111111-1111-4111-8111-111111111111&q=a+b+c" +
      "&utm_medium=email&utm_source=schedules&utm_campaign=recurringnudge_day3",
  );
});

Deno.test("trackLink() re-encodes existing values with quote_plus", () => {
  assert.equal(
    trackLink("/courses/?next=/a/b:c", MESSAGE, []),
    `https://courses.example.com/courses/?next=%2Fa%2Fb%3Ac&${UTM}&${CONTENT}`,
  );
});

Deno.test("quotePlus() encodes the characters encodeURIComponent keeps", () => {
  assert.equal(quotePlus("it's (a)*b!"), "it%27s+%28a%29%2Ab%21");
  assert.equal(quotePlus("\ud800x"), "%EF%BF%BDx");
});
