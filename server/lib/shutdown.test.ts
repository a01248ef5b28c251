import { describe, expect, it, vi } from "vitest";
import { onShutdown } from "./shutdown";

describe("onShutdown", () => {
  it("runs every registered stop once on SIGTERM, and not before", async () => {
    const first = vi.fn();
    const second = vi.fn(async () => {});
    onShutdown(first);
    onShutdown(second);
    expect(first).not.toHaveBeenCalled();
    process.emit("SIGTERM");
    process.emit("SIGTERM");
    await vi.waitFor(() => expect(second).toHaveBeenCalledTimes(1));
    expect(first).toHaveBeenCalledTimes(1);
  });
});
