// Storefront API calls for tests: a real API key (made by the service, as Settings makes one) and
// requests through the same handler the /api/v1 route uses.
import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import { handleApiRequest } from "@/server/api/api-handler";
import { createApiKey } from "@/server/modules/api-keys/api-keys.service";
import type { ApiScope } from "@/server/modules/api-keys/api-keys.schema";
import { getStaffActor } from "@/server/modules/staff/staff.service";
import { createStaffMember } from "@/tests/factories/staff";

export const ALL_API_SCOPES: ApiScope[] = ["customers:read", "customers:write", "balances:read", "credits:spend", "credits:issue", "refunds:create"];

export type TestApiKey = { id: string; name: string; secret: string };

export async function createTestApiKey(db: Db, scopes: ApiScope[] = ALL_API_SCOPES, opts: { expiresAt?: Date | null; name?: string } = {}): Promise<TestApiKey> {
  const admin = await getStaffActor(db, (await createStaffMember(db, "ADMIN")).id);
  const { key, secret } = await createApiKey({ db, actor: admin! }, { name: opts.name ?? `Test key ${randomUUID().slice(0, 8)}`, scopes, expiresAt: opts.expiresAt ?? null });
  return { id: key.id, name: key.name, secret };
}

export type ApiCall = {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  key?: TestApiKey | string | null;
  body?: unknown;
  /** POST: a fresh key unless given; null sends none. */
  idempotencyKey?: string | null;
  rateLimitPerSecond?: number;
};

export type ApiAnswer = { status: number; body: any; headers: Headers }; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function callApi(db: Db, call: ApiCall): Promise<ApiAnswer> {
  const method = call.method ?? (call.body === undefined ? "GET" : "POST");
  const headers = new Headers({ "content-type": "application/json" });
  const secret = typeof call.key === "string" ? call.key : call.key?.secret;
  if (secret) headers.set("authorization", `Bearer ${secret}`);
  const idempotencyKey = call.idempotencyKey === undefined ? (method === "POST" ? randomUUID() : null) : call.idempotencyKey;
  if (idempotencyKey) headers.set("idempotency-key", idempotencyKey);
  const request = new Request(`http://localhost/api/v1${call.path}`, {
    method,
    headers,
    body: call.body === undefined ? undefined : typeof call.body === "string" ? call.body : JSON.stringify(call.body),
  });
  const response = await handleApiRequest(request, { db, rateLimitPerSecond: call.rateLimitPerSecond ?? 10_000 });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}
