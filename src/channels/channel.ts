/**
 * The delivery interface every channel implements (file, Sailthru, SMTP, memory for tests).
 */
import type { ChannelTemplateHooks, RenderedEmail } from "../render/types.ts";

/** The channel names of `--channel`. */
export type ChannelName = "file" | "sailthru" | "smtp";

/** One message ready to deliver. */
export interface OutgoingMessage {
  uuid: string;
  sendUuid: string;
  name: string;
  siteDomain: string;
  userId: number;
  /** Recipient address (the override address for test sends). */
  recipient: string;
  /** Sender address: the site's email_from_address, else platform default_from_email ("" = none). */
  fromAddress: string;
  /** The run date, YYYY-MM-DD (file channel index page). */
  date: string;
  rendered: RenderedEmail;
  /** Absolute unsubscribe URL (List-Unsubscribe), when the email has one. */
  unsubscribeUrl: string | null;
}

/** The outcome of one delivery. */
export type DeliveryResult =
  | { status: "sent"; file?: string }
  /** `transient`: a later run may retry (network, 5xx, retry window expired). */
  | { status: "failed"; reason: string; transient: boolean }
  /** Sent, but no answer came back: never retried automatically. */
  | { status: "unknown"; reason: string };

/** A delivery channel. */
export interface Channel {
  readonly name: ChannelName;
  /**
   * Whether delivering the same message twice is harmless (the file channel: same uuid, same
   * file). Others never resend a message whose earlier delivery may have happened.
   */
  readonly resendSafe: boolean;
  /** What the layout renders for this channel (tracker images, action links). */
  readonly hooks: ChannelTemplateHooks;
  /** Delivers one message. Never throws for a delivery failure: it returns `failed`/`unknown`. */
  deliver(message: OutgoingMessage): Promise<DeliveryResult>;
  /** Makes what was delivered so far durable (the file channel's index manifest). */
  flush?(): Promise<void>;
  /** Called once after the run's last delivery (index page, closing connections). */
  close(): Promise<void>;
}

/** Hooks of channels without tracker images or action links. */
export const NO_HOOKS: ChannelTemplateHooks = {
  trackerImageSources: [],
  actionLinks: [],
};
