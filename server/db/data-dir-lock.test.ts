import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lockDataDir } from "./data-dir-lock";

const dirs: string[] = [];
function scratchDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "creditdesk-lock-"));
  dirs.push(dir);
  return path.join(dir, "data", "pglite");
}
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe("the embedded database's lock", () => {
  it("is taken with this process's pid and removed when the last opener releases it", () => {
    const dataDir = scratchDataDir();
    const first = lockDataDir(dataDir);
    const second = lockDataDir(dataDir);
    expect(fs.readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    first();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(true);
    second();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("refuses a folder another live process holds, naming it", () => {
    const dataDir = scratchDataDir();
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    // pid 1 always exists.
    fs.writeFileSync(`${dataDir}.lock`, "1");
    expect(() => lockDataDir(dataDir)).toThrow(/open in process 1 .*DATABASE_URL/);
    expect(fs.readFileSync(`${dataDir}.lock`, "utf8")).toBe("1");
  });

  it("takes over a lock whose process is gone", () => {
    const dataDir = scratchDataDir();
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    fs.writeFileSync(`${dataDir}.lock`, "2147483646");
    const release = lockDataDir(dataDir);
    expect(fs.readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    release();
  });
});
