import assert from "node:assert/strict";
import {
  courseOrg,
  formatCourseKey,
  parseCourseKey,
} from "../../src/domain/course_key.ts";

Deno.test("parseCourseKey() splits current and old-style keys", () => {
  assert.deepEqual(parseCourseKey("course-v1:ExampleX+D101+2026_T1"), {
    org: "ExampleX",
    course: "D101",
    run: "2026_T1",
  });
  assert.deepEqual(parseCourseKey("MITx/6.002x/2012_Fall"), {
    org: "MITx",
    course: "6.002x",
    run: "2012_Fall",
  });
  assert.deepEqual(parseCourseKey("course-v1:Ünï-X+C~1+run:2"), {
    org: "Ünï-X",
    course: "C~1",
    run: "run:2",
  });
});

Deno.test("parseCourseKey() rejects anything that is not a course key", () => {
  for (
    const text of [
      "",
      "course-v1:ExampleX+D101",
      "course-v1:ExampleX+D101+2026+extra",
      "course-v1:Example X+D101+2026",
      "ExampleX/D101",
      "a/b/c/d",
      "course-v1:A/B/C",
      "block-v1:ExampleX+D101+2026+type@chapter+block@x",
    ]
  ) {
    assert.throws(() => parseCourseKey(text), RangeError, text);
  }
});

Deno.test("courseOrg() is the part before the first + or /", () => {
  assert.equal(courseOrg("course-v1:ExampleX+D101+2026"), "ExampleX");
  assert.equal(courseOrg("HarvardX/CS50/2014"), "HarvardX");
});

Deno.test("formatCourseKey() writes the current style", () => {
  assert.equal(
    formatCourseKey({ org: "O", course: "C", run: "R" }),
    "course-v1:O+C+R",
  );
});
