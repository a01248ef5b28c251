import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./connection-errors";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection", withCode("ECONNREFUSED")],
    ["a reset connection", withCode("ECONNRESET")],
    ["PostgreSQL shutting down (57P01)", withCode("57P01")],
    ["PostgreSQL starting up (57P03)", withCode("57P03")],
    ["a connection exception (08006)", withCode("08006")],
    ["Prisma's P1001 (cannot reach)", withCode("P1001")],
    ["a driver-adapter error about a closed connection", new Error("wrapped", { cause: { kind: "ConnectionClosed" } })],
    ["a driver-adapter postgres error inside Prisma's meta", Object.assign(new Error("raw query failed"), { meta: { driverAdapterError: { cause: { kind: "postgres", code: "57P01" } } } })],
    ["node-postgres's cut connection", new Error("Connection terminated unexpectedly")],
  ])("is true for %s", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", withCode("23505")],
    ["a serialization failure", withCode("40001")],
    ["a plain bug", new TypeError("cannot read properties of undefined")],
    ["nothing", undefined],
  ])("is false for %s", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
