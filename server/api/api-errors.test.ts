import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/server/lib/app-error";
import { apiErrorResponse, apiFieldName, inputErrorResponse } from "./api-errors";
import { idempotencyKeyOf, uuid5 } from "./idempotency-key";

afterEach(() => vi.restoreAllMocks());

describe("API errors", () => {
  it("keeps a domain refusal's code, sentence and field (snake_case) with its status", async () => {
    const response = apiErrorResponse(new AppError("IDEMPOTENCY_MISMATCH", "This idempotency key was already used for a different request", "idempotencyKey"), "POST /x");
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: { code: "IDEMPOTENCY_MISMATCH", message: "This idempotency key was already used for a different request", field: "Idempotency-Key" } });
    expect((await apiErrorResponse(new AppError("NOT_FOUND", "This customer does not exist", "customerId"), "GET /x").json()).error.field).toBe("customer_id");
  });

  it("logs an unexpected error under a reference and answers a plain sentence quoting it, without internals", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = apiErrorResponse(new Error('relation "secret_table" does not exist'), "GET /customers/1");
    const body = (await response.json()) as { error: { code: string; message: string; field: null } };
    expect(response.status).toBe(500);
    expect(body.error.code).toBe("INTERNAL");
    expect(body.error.message).toMatch(/^Something went wrong \(ref [0-9A-F]{8}\)$/);
    expect(JSON.stringify(body)).not.toContain("secret_table");
    const ref = /ref ([0-9A-F]{8})/.exec(body.error.message)![1]!;
    expect(String(logged.mock.calls[0]![0])).toContain(ref);
    // INTERNAL is a broken invariant, not a refusal: it is treated as unexpected too.
    expect(apiErrorResponse(new AppError("INTERNAL", "invariant"), "x").status).toBe(500);
  });

  it("answers a zod refusal with its first issue on the field's API name", async () => {
    const parsed = z.object({ customerId: z.uuid("Choose a customer") }).safeParse({ customerId: "x" });
    const response = inputErrorResponse(parsed.error!.issues);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "BAD_INPUT", message: "Choose a customer", field: "customer_id" } });
    expect(apiFieldName("expiresAt")).toBe("expires_at");
  });
});

describe("the Idempotency-Key header", () => {
  it("becomes the same uuid v5 for the same text, another for other text", () => {
    const key = uuid5("order-1001");
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuid5("order-1001")).toBe(key);
    expect(uuid5("order-1002")).not.toBe(key);
    expect(idempotencyKeyOf(new Headers({ "Idempotency-Key": " order-1001 " }))).toBe(key);
  });

  it("is required, at most 255 printable characters", () => {
    for (const value of [null, "", "x".repeat(256), "a\u0000b"]) {
      const headers = new Headers(value === null ? {} : { "Idempotency-Key": value.replace("\u0000", "\u0007") });
      expect(() => idempotencyKeyOf(headers)).toThrow(/Idempotency-Key/);
    }
  });
});
