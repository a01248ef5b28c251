/**
 * `target` as a path on `origin`, or null when it would leave it. Parsed the way browsers parse
 * it (backslashes as slashes, tabs and newlines dropped), so `/\evil.example` and
 * `/<TAB>/evil.example` are refused rather than handed to a Location header.
 */
export function sameOriginPath(target: string | null | undefined, origin: string): string | null {
  if (!target) return null;
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A normalised path can still start with `//` (`/.//evil.example`): check what we would send.
  return new URL(path, origin).origin === origin && !path.startsWith("//") ? path : null;
}
