// The Chromium every browser run uses: Debian's, with flags for a small shared CI machine.
// Shared by playwright.config.ts and scripts/screenshots.ts.
export const CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
