/** The printed form of a heartbeat push token: `phb_<monitor id>_<secret>`, so a beat finds its monitor. */
export function formatPushToken(monitorId: string, secret: string): string {
  return `phb_${monitorId}_${secret}`;
}

/** Split a presented push token, or `null` when it is not one of ours. */
export function parsePushToken(token: string): { monitorId: string; secret: string } | null {
  const match = /^phb_([0-9a-z]{12})_([A-Za-z0-9_-]{20,})$/.exec(token);
  return match ? { monitorId: match[1]!, secret: match[2]! } : null;
}
