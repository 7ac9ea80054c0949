/** Assertions shared by the import tests. */
import assert from "node:assert/strict";
import { DataError } from "../../src/errors.ts";

/** The bytes of a file in tests/testdata. */
export function testdata(name: string): Promise<Uint8Array> {
  return Deno.readFile(new URL(`../testdata/${name}`, import.meta.url));
}

/** Awaits `promise`, expects a DataError and returns it. */
export async function dataError(promise: Promise<unknown>): Promise<DataError> {
  let caught: unknown = null;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof DataError, `expected a DataError, got ${caught}`);
  return caught;
}
