// The error shape as a browser receives it: through the same HTTP handler as the route.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callOverHttp, errorOf } from "@/tests/helpers/trpc-http";
import { fieldRefusal, refusal } from "@/tests/helpers/trpc-errors";
import { callerFor, createStaffMember } from "@/tests/factories/staff";
import { createCustomer, uniqueWord } from "@/tests/factories/customers";
import { newKey } from "@/tests/factories/credits";
import { DEFAULT_CATEGORY_IDS } from "@/server/modules/settings/settings-defaults";
import type { Db } from "@/server/db/client";

let t: TestDb;
let adminId: string;
let viewerId: string;

beforeAll(async () => {
  t = await openTestDb();
  adminId = (await createStaffMember(t.db, "ADMIN")).id;
  viewerId = (await createStaffMember(t.db, "VIEWER")).id;
});
afterAll(() => t.close());

const issueInput = (customerId: string, overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: newKey(),
  customerId,
  amount: "25.00",
  currency: "USD",
  categoryId: DEFAULT_CATEGORY_IDS.goodwill,
  ...overrides,
});

const mutate = (staffId: string | null, path: string, input: unknown, db: Db = t.db) => callOverHttp(db, staffId, { path, type: "mutation", input });

describe("the error shape over HTTP", () => {
  it("answers a zod refusal with its first message, the field's messages and no appCode, like fieldRefusal", async () => {
    const input = issueInput("not-a-customer", { memo: "x".repeat(501) });
    const answer = await mutate(adminId, "credits.issue", input);

    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toEqual({
      message: "Choose a customer",
      code: -32600,
      data: {
        code: "BAD_REQUEST",
        httpStatus: 400,
        path: "credits.issue",
        fieldErrors: { customerId: ["Choose a customer"], memo: ["Keep the memo under 500 characters"] },
        appCode: null,
      },
    });
    const caller = await callerFor(t.db, adminId);
    expect(await fieldRefusal(caller.credits.issue(input))).toEqual({ code: "BAD_REQUEST", fieldMessage: "customerId: Choose a customer" });
  });

  it("answers a domain refusal with its sentence, its field and its code", async () => {
    const name = `Shape ${uniqueWord()}`;
    expect((await mutate(adminId, "settings.reasons.create", { name })).status).toBe(200);
    const answer = await mutate(adminId, "settings.reasons.create", { name });

    expect(answer.status).toBe(409);
    expect(errorOf(answer)).toEqual({
      message: "A reason with this name already exists",
      code: -32009,
      data: {
        code: "CONFLICT",
        httpStatus: 409,
        path: "settings.reasons.create",
        fieldErrors: { name: ["A reason with this name already exists"] },
        appCode: "CONFLICT",
      },
    });
    const caller = await callerFor(t.db, adminId);
    expect(await fieldRefusal(caller.settings.reasons.create({ name }))).toEqual({
      code: "CONFLICT",
      fieldMessage: "name: A reason with this name already exists",
    });
  });

  it("answers signed out with 401 and a role without the permission with 403, each a sentence", async () => {
    const signedOut = await callOverHttp(t.db, null, { path: "staff.list", type: "query" });
    expect(signedOut.status).toBe(401);
    expect(errorOf(signedOut)).toMatchObject({ message: "Please sign in to continue.", data: { code: "UNAUTHORIZED", appCode: "UNAUTHORIZED", fieldErrors: {} } });

    const viewer = await callOverHttp(t.db, viewerId, { path: "staff.list", type: "query" });
    expect(viewer.status).toBe(403);
    expect(errorOf(viewer)).toMatchObject({
      message: 'Your role may not do this (needs "Add, change and deactivate staff members").',
      data: { code: "FORBIDDEN", appCode: "FORBIDDEN" },
    });
    expect(await refusal((await callerFor(t.db, viewerId)).staff.list())).toEqual({
      code: "FORBIDDEN",
      message: 'Your role may not do this (needs "Add, change and deactivate staff members").',
    });
  });

  it("answers an unexpected error with a reference only, and logs the full error under that reference", async () => {
    const customer = await createCustomer(t.db);
    // A database that fails the way a broken query does: its text must stay on the server.
    // Both paths of credits.issue: the transaction and the fast path's statement (runSql, which on
    // a client without a pg pool, like this proxy, goes through $queryRaw).
    const fail = () => Promise.reject(new Error('relation "store_credit" does not exist (SELECT * FROM store_credit)'));
    const broken = new Proxy(t.db, {
      get(target, property, receiver) {
        if (property === "$transaction") return fail;
        if (property === "$queryRaw") {
          return (sql: { text?: string }, ...values: unknown[]) =>
            sql.text?.includes("credit_issue_write") ? fail() : (target.$queryRaw as (...args: unknown[]) => Promise<unknown>)(sql, ...values);
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const answer = await mutate(adminId, "credits.issue", issueInput(customer.id), broken);

      expect(answer.status).toBe(500);
      const error = errorOf(answer)!;
      expect(error.message).toMatch(/^Something went wrong \(ref [0-9A-F]{8}\)$/);
      expect(error.data).toEqual({ code: "INTERNAL_SERVER_ERROR", httpStatus: 500, path: "credits.issue", fieldErrors: {}, appCode: null });
      expect(JSON.stringify(answer.body)).not.toMatch(/store_credit|SELECT|stack/);

      const ref = /ref ([0-9A-F]{8})/.exec(error.message)![1]!;
      expect(logged).toHaveBeenCalledTimes(1);
      expect(logged.mock.calls[0]![0]).toBe(`tRPC credits.issue failed (ref ${ref}):`);
      expect(String(logged.mock.calls[0]![1])).toContain('relation "store_credit" does not exist');
    } finally {
      logged.mockRestore();
    }
  });

  it("answers a null body, bad JSON and an unknown procedure with a plain 4xx, no JavaScript text", async () => {
    const nullBody = await callOverHttp(t.db, adminId, { path: "credits.issue", type: "mutation", rawBody: "null" });
    expect(nullBody.status).toBe(400);
    expect(errorOf(nullBody)).toMatchObject({ message: "This request could not be read.", data: { code: "BAD_REQUEST", fieldErrors: {}, appCode: null } });

    const badJson = await callOverHttp(t.db, adminId, { path: "credits.issue", type: "mutation", rawBody: '{"json":' });
    expect(badJson.status).toBe(400);
    expect(errorOf(badJson)?.message).toBe("This request could not be read.");

    const unknown = await callOverHttp(t.db, adminId, { path: "credits.mint", type: "mutation", input: {} });
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown)?.message).toBe("There is no such operation.");
  });
});

describe("request limits", () => {
  const batchOf = (size: number) => ({
    path: Array.from({ length: size }, () => "staff.me").join(","),
    type: "query" as const,
    batch: true,
  });

  it("answers a batch of 20 calls and refuses 21 with 400 before running any", async () => {
    const twenty = await callOverHttp(t.db, adminId, batchOf(20));
    expect(twenty.status).toBe(200);
    expect(twenty.body).toHaveLength(20);

    const tooMany = await callOverHttp(t.db, adminId, batchOf(21));
    expect(tooMany.status).toBe(400);
    const answers = tooMany.body as { error: { json: { message: string } } }[];
    expect(answers).toHaveLength(21);
    expect(new Set(answers.map((a) => a.error.json.message))).toEqual(new Set(["Send at most 20 calls in one request."]));
  });

  it("refuses a body over 1 MB with 413, whether it declares its length or streams it", async () => {
    const customer = await createCustomer(t.db);
    const huge = JSON.stringify({ json: issueInput(customer.id, { memo: "x".repeat(1024 * 1024) }) });

    const declared = await callOverHttp(t.db, adminId, { path: "credits.issue", type: "mutation", rawBody: huge, headers: { "content-length": String(huge.length) } });
    expect(declared.status).toBe(413);
    expect(errorOf(declared)).toMatchObject({ message: "This request is larger than 1 MB; send less at once.", data: { code: "PAYLOAD_TOO_LARGE", appCode: "TOO_LARGE" } });

    let chunksRead = 0;
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        chunksRead += 1;
        controller.enqueue(chunksRead === 1 ? new TextEncoder().encode('{"json":{"memo":"') : chunk);
      },
    });
    const streamed = await callOverHttp(t.db, adminId, { path: "credits.issue", type: "mutation", rawBody: endless });
    expect(streamed.status).toBe(413);
    // Refused once past the limit, not after reading an endless body.
    expect(chunksRead).toBeLessThan(40);
    expect(await t.db.storeCredit.count({ where: { customerId: customer.id } })).toBe(0);
  });
});
