/**
 * A fixed set of integer ids answering "is this id in it?" in a few nanoseconds: the users a
 * first load of enrollments may refer to, checked once per row.
 */

/** Bits per id the bitmap may spend before sorted ids (64 bits each) are smaller. */
const MAX_BITS_PER_ID = 64;

/**
 * Ids held as a bitmap over their range when that is no larger than the sorted ids would be
 * (ids given out in sequence, as Open edX does), else as sorted ids searched by halves.
 */
export class IdSet {
  readonly #low: number;
  readonly #bits: Uint8Array | null;
  readonly #sorted: Float64Array;

  /** A set of `ids` (integers, in ascending order). */
  constructor(ids: Float64Array) {
    this.#sorted = ids;
    this.#low = ids.length > 0 ? ids[0]! : 0;
    const span = ids.length > 0 ? ids[ids.length - 1]! - this.#low + 1 : 0;
    if (span <= ids.length * MAX_BITS_PER_ID) {
      const bits = new Uint8Array(Math.ceil(span / 8));
      for (const id of ids) {
        const offset = id - this.#low;
        bits[offset >>> 3]! |= 1 << (offset & 7);
      }
      this.#bits = bits;
      this.#sorted = new Float64Array(0);
    } else this.#bits = null;
  }

  /** Whether `id` is in the set. */
  has(id: number): boolean {
    const bits = this.#bits;
    if (bits !== null) {
      const offset = id - this.#low;
      if (!(offset >= 0 && offset < bits.length * 8)) return false;
      return (bits[offset >>> 3]! & (1 << (offset & 7))) !== 0;
    }
    const ids = this.#sorted;
    let low = 0, high = ids.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const at = ids[mid]!;
      if (at === id) return true;
      if (at < id) low = mid + 1;
      else high = mid - 1;
    }
    return false;
  }
}
