/**
 * The client's address for sign-in limits: the last X-Forwarded-For entry, the one added by the
 * proxy nearest to the app (Next.js sets the header to the socket's address when it is absent).
 * Without a reverse proxy in front, a client can choose this value; the per-email limit holds anyway.
 */
export function clientIpOf(forwardedFor: string | null | undefined): string {
  const hops = (forwardedFor ?? "").split(",").map((hop) => hop.trim()).filter(Boolean);
  return hops.at(-1) ?? "unknown";
}
