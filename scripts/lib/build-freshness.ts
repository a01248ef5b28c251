import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCE_DIRS = ["app", "components", "server", "prisma"];
const SOURCE_FILES = ["next.config.js", "proxy.ts", "instrumentation.ts", "package-lock.json", "postcss.config.mjs"];
const SKIP = new Set(["generated", "migrations", "node_modules"]);

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry)) {
    if (!SKIP.has(child)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/**
 * True when `buildDir` (default: the project itself) has no production build, or a source file of
 * the project in `root` changed after it was made.
 */
export function needsBuild(opts: { root?: string; buildDir?: string } = {}): boolean {
  const root = opts.root ?? ".";
  const buildId = path.join(opts.buildDir ?? root, ".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return [...SOURCE_DIRS, ...SOURCE_FILES].some((entry) => newestMtime(path.join(root, entry)) > builtAt);
}
