/**
 * The Google Analytics open pixel (delivery.md §4.1, upstream `GoogleAnalyticsTrackingPixel`):
 * a Measurement Protocol v1 event hit whose parameters follow upstream's order. The endpoint is
 * inert for Universal Analytics ids; it is emitted for fidelity and never called by the tool.
 */
import { quotePlus } from "./links.ts";
import type { BaseContext, MessageMeta } from "./types.ts";

const COLLECT_URL = "https://www.google-analytics.com/collect";
/** Upstream's `ANONYMOUS_USER_CLIENT_ID`: the same client id for everybody. */
const CLIENT_ID = "555";

/**
 * The pixel URL for one message, or null when the site has no tracking id (no pixel at all).
 * `el` is the first course id when there is one; `cd<N>` carries the user id when a custom
 * dimension is configured.
 */
export function gaPixelUrl(
  message: MessageMeta,
  base: BaseContext,
  courseIds: readonly string[],
): string | null {
  const trackingId = base.google_analytics_tracking_id;
  if (!trackingId) return null;
  const { appLabel, name, sendUuid, uuid } = message;
  const params: [string, string][] = [
    ["v", "1"],
    ["t", "event"],
    ["cs", appLabel],
    ["cm", "email"],
    ["cn", name],
    ["cc", uuid],
    ["ec", "email"],
    ["ea", "edx.bi.email.opened"],
    ["dp", `/email/${appLabel}/${name}/${sendUuid}/${uuid}`],
    ["dh", message.siteDomain.replace(/\/+$/, "")],
    ["uid", String(message.userId)],
    ["cid", CLIENT_ID],
    ["tid", trackingId],
  ];
  const dimension = base.google_analytics_user_id_custom_dimension;
  if (dimension !== null) {
    params.push([`cd${dimension}`, String(message.userId)]);
  }
  const first = courseIds[0];
  if (first !== undefined) params.push(["el", first]);
  const query = params.map(([key, value]) => `${key}=${quotePlus(value)}`);
  return `${COLLECT_URL}?${query.join("&")}`;
}
