/** The request header the proxy puts the undecodable address in before it rewrites to the 404 page. */
export const MISSING_PATH_HEADER = "x-creditdesk-missing-path";

/** What a missing page's heading says, by the kind of thing its address names. */
const MISSING_THINGS: [RegExp, string][] = [
  [/^\/customers\/[^/]+\/credits\/[^/]+/, "This store credit does not exist"],
  [/^\/customers\/[^/]+/, "This customer does not exist"],
  [/^\/audit-log\/[^/]+/, "This audit entry does not exist"],
  [/^\/refunds\/[^/]+/, "This refund does not exist"],
];

/** "This customer does not exist" for /customers/<bad id>, else the plain "Page not found". */
export function notFoundTitleFor(pathname: string | null | undefined): string {
  return MISSING_THINGS.find(([pattern]) => pattern.test(pathname ?? ""))?.[1] ?? "Page not found";
}
