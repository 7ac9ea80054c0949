/**
 * Builds the delivery channel of `--channel` and the rest of a send run's dependencies
 * (renderer, ids, clock, logging, Segment). Credentials are checked here, before anything is
 * selected, so a missing secret is exit 2 with nothing changed. Channel code loads lazily.
 */
import type { Channel } from "../channels/channel.ts";
import { createFileChannel } from "../channels/file_channel.ts";
import type { Config } from "../config.ts";
import { UsageError } from "../errors.ts";
import { fromAddress } from "../messages/base_context.ts";
import { createRenderer } from "../render/renderer.ts";
import { selectSites, type SendDeps } from "../send.ts";
import { loadConfig } from "../store/config_store.ts";
import type { Store } from "../store/db.ts";
import type { CommandContext } from "./context.ts";
import { VERSION } from "./mod.ts";

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
  const config = loadConfig(db);
  const channel = await createChannel(ctx, config, options);
  const deps: SendDeps = {
    db,
    channel,
    render: createRenderer(db, config),
    now: ctx.now,
    uuid: () => crypto.randomUUID(),
    log: (line) => {
      if (ctx.globals.verbose) ctx.err(line);
    },
  };
  if (options.name === "sailthru" && options.dryRun) {
    const { sailthruDebugLines } = await import(
      "../channels/sailthru_channel.ts"
    );
    deps.onDryRun = (message) => {
      for (
        const line of sailthruDebugLines(message, config.sailthru.template_name)
      ) ctx.err(line);
    };
  }
  const segment = await segmentHooks(ctx, config, db, options.dryRun);
  if (segment) deps.onSent = segment.onSent;
  return {
    deps,
    finish: async () => {
      await channel.close();
      await segment?.flush();
    },
  };
}

async function createChannel(
  ctx: CommandContext,
  config: Config,
  options: ChannelOptions,
): Promise<Channel> {
  switch (options.name) {
    case "file":
      return createFileChannel(options.out);
    case "sailthru": {
      const { SAILTHRU_API_KEY: apiKey, SAILTHRU_API_SECRET: apiSecret } =
        ctx.env;
      if (!apiKey || !apiSecret) {
        throw new UsageError(
          "Missing credentials for the sailthru channel: set SAILTHRU_API_KEY and SAILTHRU_API_SECRET",
        );
      }
      const { createSailthruChannel } = await import(
        "../channels/sailthru_channel.ts"
      );
      return createSailthruChannel({
        apiUrl: ctx.env.SAILTHRU_API_URL ?? config.sailthru.api_url,
        apiKey,
        apiSecret,
        templateName: config.sailthru.template_name,
        now: ctx.now,
      });
    }
    case "smtp": {
      const url = ctx.env.SMTP_URL;
      if (!url) {
        throw new UsageError(
          "Missing SMTP_URL for the smtp channel (e.g. smtp://user:pass@host:587)",
        );
      }
      for (const site of selectSites(config, options.site)) {
        if (!fromAddress(config, site)) {
          throw new UsageError(
            `No sender address for site ${site.domain}: set its email_from_address or platform.default_from_email`,
          );
        }
      }
      const { createSmtpChannel } = await import("../channels/smtp_channel.ts");
      return createSmtpChannel({ url });
    }
  }
}

/** Segment `edx.bi.email.sent`: queued per delivered message, flushed after the run. */
async function segmentHooks(
  ctx: CommandContext,
  config: Config,
  db: Store,
  dryRun: boolean,
) {
  const writeKey = ctx.env.SEGMENT_WRITE_KEY;
  if (!writeKey || dryRun) return null;
  const segment = await import("../analytics/segment.ts");
  return {
    onSent: (row: Parameters<NonNullable<SendDeps["onSent"]>>[0]) =>
      segment.queueSegmentEvent(
        db,
        segment.emailSentEvent({
          userId: row.userId,
          site: row.site,
          name: row.name,
          language: row.language,
          uuid: row.uuid,
          sendUuid: row.sendUuid,
          courseIds: row.courseIds,
          timestamp: ctx.now(),
          version: VERSION,
        }),
        ctx.now(),
      ),
    flush: async () => {
      const result = await segment.flushSegmentEvents(db, {
        apiUrl: ctx.env.SEGMENT_API_URL ?? config.segment.api_url,
        writeKey,
        now: ctx.now,
      });
      if (result.remaining > 0) {
        ctx.err(
          `warning: ${result.remaining} Segment events could not be sent; they will go out on the next run`,
        );
      }
    },
  };
}
