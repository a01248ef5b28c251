import "server-only";
import { z } from "zod";
import { clientIpOf } from "@/server/auth/client-ip";
import { config } from "@/server/config";
import { getDb, type Db } from "@/server/db/client";
import { isAppError } from "@/server/lib/app-error";
import type { RequestOrigin } from "@/server/lib/service-context";
import { withBodyLimit } from "@/server/trpc/request-limits";
import { apiErrorResponse, ApiRefusal, inputErrorResponse, jsonResponse } from "./api-errors";
import { assertScope, authenticate } from "./api-auth";
import type { ApiContext, ApiRoute } from "./api-route";
import { idempotencyKeyOf } from "./idempotency-key";
import { apiRateLimiter } from "./rate-limit";
import { matchRoute } from "./route-registry";

export const API_PREFIX = "/api/v1";

export type ApiHandlerOptions = {
  /** Tests pass their database; the server uses its own client. */
  db?: Db;
  /** Requests per second per key; default API_RATE_LIMIT_PER_SECOND. */
  rateLimitPerSecond?: number;
};

/**
 * One Storefront API request, in this order: the route (404, 405), the key (401), its rate
 * limit (429), its scope (403), the input (400), the Idempotency-Key on POST (400), then the
 * route's handler; its answer is parsed by the route's response schema (what the OpenAPI document
 * says) before it leaves. Every refusal is `{ error: { code, message, field } }`.
 */
export async function handleApiRequest(req: Request, opts: ApiHandlerOptions = {}): Promise<Response> {
  const path = new URL(req.url).pathname.slice(API_PREFIX.length) || "/";
  const where = `${req.method} ${path}`;
  try {
    const match = matchRoute(req.method, path);
    if (!match.route) {
      if (match.allowed.length === 0) throw new ApiRefusal("NOT_FOUND", "There is no such API route.");
      throw new ApiRefusal("METHOD_NOT_ALLOWED", `This route answers ${match.allowed.join(", ")} only.`, null, { Allow: match.allowed.join(", ") });
    }
    const { route, params } = match;
    const db = opts.db ?? (await getDb());
    const apiKey = await authenticate(db, req.headers);
    await apiRateLimiter(db, opts.rateLimitPerSecond ?? config().API_RATE_LIMIT_PER_SECOND).take(apiKey.id);
    assertScope(apiKey, route.scope);

    const input = {
      params: parseOrRefuse(route.params, params),
      query: parseOrRefuse(route.query, Object.fromEntries(new URL(req.url).searchParams)),
      body: route.body ? parseOrRefuse(route.body, await readJsonBody(req)) : undefined,
    };
    const ctx: ApiContext = {
      db,
      apiKey: { id: apiKey.id, name: apiKey.name },
      request: requestOriginOf(req),
      idempotencyKey: route.method === "POST" ? idempotencyKeyOf(req.headers) : null,
    };
    const answer = await route.handler(ctx as never, input as never);
    return jsonResponse(route.status ?? 200, answerOf(route, answer));
  } catch (error) {
    if (error instanceof z.ZodError) return inputErrorResponse(error.issues);
    return apiErrorResponse(error, where);
  }
}

function parseOrRefuse(schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}

/** The answer as the document describes it; a mismatch is our bug, never the client's 400. */
function answerOf(route: ApiRoute, answer: unknown): unknown {
  const parsed = route.response.safeParse(answer);
  if (parsed.success) return parsed.data;
  throw new Error(`The answer of ${route.method} ${route.path} does not match its schema: ${z.prettifyError(parsed.error)}`);
}

async function readJsonBody(req: Request): Promise<unknown> {
  let text: string;
  try {
    text = await withBodyLimit(req).text();
  } catch (error) {
    if (isAppError(error)) throw new ApiRefusal("TOO_LARGE", "This request is larger than 1 MB; send less at once.");
    throw error;
  }
  if (text.trim() === "") throw new ApiRefusal("BAD_INPUT", "Send the request's fields as a JSON object.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiRefusal("BAD_INPUT", "This request's body is not valid JSON.");
  }
}

const requestOriginOf = (req: Request): RequestOrigin => ({
  ip: clientIpOf(req.headers.get("x-forwarded-for")),
  userAgent: req.headers.get("user-agent")?.slice(0, 500) ?? null,
});
