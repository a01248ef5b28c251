/**
 * The headers every answer carries (pages, API, redirects). Scripts run only with this
 * request's nonce (Next.js puts it on its own scripts when it finds it in the CSP request header);
 * `'strict-dynamic'` lets those load their chunks. Styles allow inline: React and Radix set style
 * attributes, and CSS cannot run code. Development needs `'unsafe-eval'` for React's error stacks.
 */
export function securityHeaders(opts: { nonce: string; isHttps: boolean; isDev: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.isHttps ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // Only over https: on plain http a browser ignores it, and localhost must stay reachable.
    ...(opts.isHttps ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
