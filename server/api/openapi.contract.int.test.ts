// The contract: every registered route is in the OpenAPI document (and nothing else is), and each
// one, called through the real handler on the real database, answers a status the document lists
// with a body its schema accepts, for a valid request and for the refusals every route shares.
import { randomUUID } from "node:crypto";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, uniqueEmail, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer, uniqueWord } from "@/tests/factories/customers";
import { callApi, createTestApiKey, type ApiCall, type TestApiKey } from "@/tests/helpers/storefront-api";
import { buildOpenApiDocument } from "./openapi";
import { API_ROUTES } from "./route-registry";

const doc = buildOpenApiDocument();
const ajv = new Ajv2020({ strict: false, validateSchema: false, validateFormats: false, allErrors: true });
ajv.addSchema(doc, "openapi");

type Fixtures = { customerId: string; externalId: string; email: string; captureHoldId: string; releaseHoldId: string; spendId: string };

/** One valid request per route, by operationId: a route added without one fails the first test. */
const VALID_CALLS: Record<string, (f: Fixtures) => Omit<ApiCall, "key">> = {
  upsertCustomer: () => ({ method: "POST", path: "/customers", body: { external_id: `shop-${uniqueWord()}`, email: uniqueEmail("contract"), first_name: "Con", last_name: "Tract", phone: "+1 555 0100" } }),
  getCustomer: (f) => ({ path: `/customers/${f.customerId}` }),
  getCustomerByExternalId: (f) => ({ path: `/customers/by-external-id/${encodeURIComponent(f.externalId)}` }),
  getCustomerByEmail: (f) => ({ path: `/customers/by-email/${encodeURIComponent(f.email)}` }),
  getBalances: (f) => ({ path: `/customers/${f.customerId}/balances` }),
  issueCredit: (f) => ({ method: "POST", path: `/customers/${f.customerId}/credits`, body: { amount: "4.20", currency: "USD", memo: "contract", expires_at: "2099-01-01T00:00:00Z" } }),
  listCreditHistory: (f) => ({ path: `/customers/${f.customerId}/credit-history?limit=1` }),
  placeHold: (f) => ({ method: "POST", path: "/holds", body: { customer_id: f.customerId, amount: "0.50", currency: "USD", order_ref: "ORDER-contract" } }),
  captureHold: (f) => ({ method: "POST", path: `/holds/${f.captureHoldId}/capture`, body: { amount: "0.75" } }),
  releaseHold: (f) => ({ method: "POST", path: `/holds/${f.releaseHoldId}/release`, body: {} }),
  reverseSpend: (f) => ({ method: "POST", path: `/spends/${f.spendId}/reverse`, body: {} }),
};

const pointerToken = (token: string) => encodeURIComponent(token.replaceAll("~", "~0").replaceAll("/", "~1"));

/** The document's schema for this route's answer with this status, or null when it lists no such answer. */
function responseValidator(path: string, method: string, status: number) {
  const operation = (doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)[path]?.[method.toLowerCase()];
  if (!operation?.responses[String(status)]) return null;
  const ref = `openapi#/paths/${pointerToken(path)}/${method.toLowerCase()}/responses/${status}/content/${pointerToken("application/json")}/schema`;
  return ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
}

function expectDocumented(route: (typeof API_ROUTES)[number], answer: { status: number; body: unknown }) {
  const validate = responseValidator(route.path, route.method, answer.status);
  expect(validate, `${route.method} ${route.path} answered ${answer.status}, which the document does not list`).not.toBeNull();
  const isValid = validate!(answer.body);
  expect(isValid ? [] : validate!.errors, `${route.method} ${route.path} ${answer.status}: ${JSON.stringify(answer.body)}`).toEqual([]);
}

let t: TestDb;
let key: TestApiKey;
let noScopes: TestApiKey;
let fixtures: Fixtures;

beforeAll(async () => {
  t = await openTestDb();
  key = await createTestApiKey(t.db);
  noScopes = await createTestApiKey(t.db, ["refunds:create"]);
  const externalId = `contract-${uniqueWord()}`;
  const customer = await createCustomer(t.db, { externalId, phone: "+44 20 7946 0018" });
  const base = { customerId: customer.id, externalId, email: customer.email, captureHoldId: "", releaseHoldId: "", spendId: "" };
  await callApi(t.db, { ...VALID_CALLS.issueCredit!(base), key });
  const hold = async () => {
    const placed = await callApi(t.db, { ...VALID_CALLS.placeHold!(base), body: { customer_id: customer.id, amount: "1.00", currency: "USD", order_ref: "ORDER-fixture" }, key });
    expect(placed.status).toBe(201);
    return (placed.body as { hold: { id: string } }).hold.id;
  };
  const spent = await callApi(t.db, { method: "POST", path: `/holds/${await hold()}/capture`, body: {}, key });
  expect(spent.status).toBe(200);
  fixtures = { ...base, captureHoldId: await hold(), releaseHoldId: await hold(), spendId: (spent.body as { spend: { operation_id: string } }).spend.operation_id };
});
afterAll(() => t.close());

const routes = API_ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const);

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and lists exactly the registered routes, each with a valid request in this test", () => {
    expect(doc.openapi).toBe("3.1.0");
    const documented = Object.entries(doc.paths ?? {}).flatMap(([path, item]) => Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(routes.map(([name]) => name).sort());
    expect(API_ROUTES.map((r) => r.operationId).sort()).toEqual(Object.keys(VALID_CALLS).sort());
    expect(new Set(API_ROUTES.map((r) => r.operationId)).size).toBe(API_ROUTES.length);
  });

  it("has schemas that refuse answers of another shape (the checks below can fail)", () => {
    const customer = responseValidator("/customers/{customer_id}", "GET", 200)!;
    expect(customer({ id: randomUUID() })).toBe(false);
    const money = responseValidator("/customers/{customer_id}/balances", "GET", 200)!;
    expect(money({ customer_id: randomUUID(), balances: [{ currency: "USD", total: { amount: 12.5, currency: "USD" }, spendable: {} }] })).toBe(false);
    expect(responseValidator("/customers/{customer_id}", "GET", 422)).toBeNull();
  });

  it("documents the Idempotency-Key header on every POST and the scope of every route", () => {
    for (const route of API_ROUTES) {
      const operation = (doc.paths as Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean }[]; "x-scope"?: string }>>)[route.path]![route.method.toLowerCase()]!;
      expect(operation["x-scope"]).toBe(route.scope);
      const header = operation.parameters?.find((p) => p.in === "header" && p.name === "Idempotency-Key");
      expect(Boolean(header?.required)).toBe(route.method === "POST");
    }
  });
});

describe.each(routes)("%s", (_name, route) => {
  it("answers a valid request as the document says", async () => {
    const answer = await callApi(t.db, { ...VALID_CALLS[route.operationId]!(fixtures), key });
    expect(answer.status).toBe(route.status ?? 200);
    expectDocumented(route, answer);
  });

  it("answers without a key (401), with a key lacking its scope (403) and rate-limited (429) as the document says", async () => {
    const call = VALID_CALLS[route.operationId]!(fixtures);
    const unauthorised = await callApi(t.db, { ...call, key: null });
    expect(unauthorised.status).toBe(401);
    expectDocumented(route, unauthorised);
    const forbidden = await callApi(t.db, { ...call, key: noScopes });
    expect(forbidden.status).toBe(403);
    expectDocumented(route, forbidden);
    const limitedKey = await createTestApiKey(t.db);
    const answers = await Promise.all([1, 2, 3].map(() => callApi(t.db, { ...call, key: limitedKey, rateLimitPerSecond: 1 })));
    const limited = answers.find((a) => a.status === 429)!;
    expect(limited).toBeDefined();
    expectDocumented(route, limited);
  });

  it("answers a refused input (400) or an unknown customer (404) as the document says", async () => {
    const call = VALID_CALLS[route.operationId]!(fixtures);
    const refused =
      route.method === "POST"
        ? await callApi(t.db, { ...call, key, body: { amount: [], email: 7 } })
        : await callApi(t.db, { ...call, key, path: call.path.replace(fixtures.customerId, randomUUID()).replace(encodeURIComponent(fixtures.email), "nobody%40example.test").replace(encodeURIComponent(fixtures.externalId), "nobody") });
    expect([400, 404]).toContain(refused.status);
    expectDocumented(route, refused);
  });
});
