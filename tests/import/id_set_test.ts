import assert from "node:assert/strict";
import { IdSet } from "../../src/import/id_set.ts";

/** Checks `has` against a plain Set for every id around the given ones. */
function check(ids: number[]): void {
  const set = new IdSet(Float64Array.from(ids));
  const expected = new Set(ids);
  const probes = new Set<number>([0, -1, 2 ** 53 - 1]);
  for (const id of ids) for (let d = -2; d <= 2; d++) probes.add(id + d);
  for (const id of probes) {
    assert.equal(set.has(id), expected.has(id), `${id} of [${ids.join(",")}]`);
  }
}

Deno.test("IdSet answers for dense ids (a bitmap over their range)", () => {
  check([]);
  check([1]);
  check([3, 4, 5, 9, 10, 17, 64, 65]);
  check(Array.from({ length: 1000 }, (_, k) => 1000 + 2 * k));
});

Deno.test("IdSet answers for sparse ids (sorted ids)", () => {
  check([1, 2 ** 40]);
  check([5, 1_000_000, 2 ** 53 - 1]);
  check(Array.from({ length: 100 }, (_, k) => 7 + k * 100_003));
});
