import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const PRELOAD = "tsx --import ./scripts/lib/preflight.ts ";
// These never load the Prisma client: one makes it, one runs npm scripts, one drives a browser
// against a server that is already running.
const WITHOUT_CLIENT = new Set(["tsx scripts/generate.ts", "tsx scripts/test.ts", "tsx scripts/screenshots.ts"]);

describe("npm scripts on a fresh clone", () => {
  it("generate the Prisma client and check the configuration before every tsx script that may need them", () => {
    const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    const commands = Object.entries(scripts).flatMap(([name, line]) =>
      line.split("&&").map((part) => [name, part.trim()] as const).filter(([, part]) => part.startsWith("tsx ")),
    );
    const missing = commands.filter(([, part]) => !WITHOUT_CLIENT.has(part) && !part.startsWith(PRELOAD)).map(([name]) => name);
    expect(commands.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
