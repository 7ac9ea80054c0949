/**
 * One send at a time per database: an advisory lock on `<db>.lock`. The operating system drops
 * the lock when its process dies, so a lock left by a dead run is simply taken over.
 */
import { LockError } from "../errors.ts";
import type { Millis } from "../domain/types.ts";

/** A held lock; release it (or let the process end). */
export interface HeldLock {
  release(): void;
}

/** Who holds a lock, as written into the lock file. */
interface Holder {
  pid: number;
  started: string;
}

/**
 * Takes the send lock of the database at `dbPath`, or throws LockError naming the holder.
 * `now` is written into the lock file for that message.
 */
export function acquireSendLock(dbPath: string, now: Millis): HeldLock {
  if (dbPath === ":memory:") return { release() {} };
  const path = `${dbPath}.lock`;
  const file = Deno.openSync(path, { read: true, write: true, create: true });
  if (!file.tryLockSync(true)) {
    file.close();
    throw new LockError(
      `Another run holds the lock on "${dbPath}" (${
        describeHolder(path)
      }); nothing was done`,
    );
  }
  const holder: Holder = {
    pid: Deno.pid,
    started: new Date(now).toISOString(),
  };
  file.truncateSync(0);
  file.writeSync(new TextEncoder().encode(JSON.stringify(holder)));
  return {
    release() {
      try {
        file.truncateSync(0);
        file.unlockSync();
      } finally {
        file.close();
      }
    },
  };
}

function describeHolder(path: string): string {
  try {
    const holder = JSON.parse(Deno.readTextFileSync(path)) as Partial<Holder>;
    return `pid ${holder.pid ?? "?"}, started ${holder.started ?? "?"}`;
  } catch {
    return "holder unknown";
  }
}
