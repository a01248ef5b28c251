import { afterEach, describe, expect, it, vi } from "vitest";

const opened = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/server/db/client", () => ({
  getDb: async () => {
    opened.count += 1;
    throw new Error("not in this test");
  },
}));

const { register } = await import("./instrumentation");

describe("the server's start-up (register)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("stops with the variable's name before opening the database or starting a schedule", async () => {
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("CREDITS_EXPIRE_INTERVAL_MINUTES", "ten");
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(process, "exit").mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    await expect(register()).rejects.toThrow("exit 1");
    expect(error.mock.calls[0]?.[0]).toContain('CREDITS_EXPIRE_INTERVAL_MINUTES must be a whole number of minutes from 0 to 1440, got "ten"');
    expect(opened.count).toBe(0);
  });
});
