/**
 * A channel that keeps messages in memory, for tests; it can be told to fail chosen messages.
 */
import type { Channel, DeliveryResult, OutgoingMessage } from "./channel.ts";
import { NO_HOOKS } from "./channel.ts";

/** A memory channel with its delivered messages. */
export interface MemoryChannel extends Channel {
  readonly delivered: OutgoingMessage[];
}

/**
 * Creates a memory channel; `outcome` may return a failure for chosen messages, and
 * `resendSafe: false` makes it behave like Sailthru or SMTP after an interrupted delivery.
 */
export function createMemoryChannel(
  outcome: (message: OutgoingMessage) => DeliveryResult = () => ({
    status: "sent",
  }),
  resendSafe = true,
): MemoryChannel {
  const delivered: OutgoingMessage[] = [];
  return {
    name: "file",
    hooks: NO_HOOKS,
    resendSafe,
    delivered,
    deliver(message) {
      const result = outcome(message);
      if (result.status === "sent") delivered.push(message);
      return Promise.resolve(result);
    },
    close: () => Promise.resolve(),
  };
}
