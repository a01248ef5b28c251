import "server-only";
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { API_SCOPE_LABELS, API_SCOPES } from "@/server/modules/api-keys/api-keys.schema";
import { ZApiError } from "./api-errors";
import { API_PREFIX } from "./api-handler";
import type { ApiRoute } from "./api-route";
import { IDEMPOTENCY_HEADER } from "./idempotency-key";
import { API_ROUTES } from "./route-registry";

const REFUSALS: Record<number, string> = {
  400: "The request is malformed or a field is refused (`error.field` names it); nothing was written",
  401: "No API key, or a key that is unknown, revoked or expired",
  403: "The API key lacks this route's scope",
  404: "The customer (or the record named in the path) does not exist",
  409: "A conflict (`CONFLICT`: the record's state refuses it; `INSUFFICIENT_FUNDS`), or `IDEMPOTENCY_IN_FLIGHT`: a request with the same Idempotency-Key is still being processed; retry after Retry-After seconds",
  422: "This Idempotency-Key was already used with a different request",
  429: "More requests than the key's rate limit; wait Retry-After seconds",
};

const errorResponse = (status: number) => ({
  description: REFUSALS[status]!,
  content: { "application/json": { schema: ZApiError } },
  ...(status === 429 ? { headers: z.object({ "Retry-After": z.string().describe("Seconds to wait") }) } : {}),
  ...(status === 409 ? { headers: z.object({ "Retry-After": z.string().optional().describe("On IDEMPOTENCY_IN_FLIGHT: seconds to wait before retrying") }) } : {}),
});

function operationOf(route: ApiRoute): ZodOpenApiOperationObject {
  const status = route.status ?? 200;
  const refusals = [400, 401, 403, ...(route.refusals ?? []), 429].sort((a, b) => a - b);
  const responses: ZodOpenApiResponsesObject = {
    [String(status)]: { description: route.summary, content: { "application/json": { schema: route.response } } },
    ...Object.fromEntries(refusals.map((code) => [String(code), errorResponse(code)])),
  };
  const isPost = route.method === "POST";
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: [route.description, `Scope: \`${route.scope}\`.`].filter(Boolean).join("\n\n"),
    tags: [route.tag],
    "x-scope": route.scope,
    requestParams: {
      ...(route.params ? { path: route.params } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(isPost
        ? {
            header: z.object({
              [IDEMPOTENCY_HEADER]: z
                .string()
                .max(255)
                .describe("Required on every POST: the first answer is replayed for 24 hours; another body with the same key is 422; a duplicate still running is 409 (retry)"),
            }),
          }
        : {}),
    },
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: route.body } } } } : {}),
    responses,
  };
}

const toOpenApiMethod = (method: ApiRoute["method"]) => method.toLowerCase() as "get" | "post" | "put";

/** The OpenAPI 3.1 document of every registered route, built from the routes' own zod schemas. */
export function buildOpenApiDocument() {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of API_ROUTES) paths[route.path] = { ...paths[route.path], [toOpenApiMethod(route.method)]: operationOf(route) };
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Creditdesk Storefront API",
      version: "1.0.0",
      description: [
        "Read customers and balances and move store credit from the shop and other systems.",
        "Authenticate with `Authorization: Bearer cd_live_…` (Settings → API keys). Each key has scopes:",
        ...API_SCOPES.map((scope) => `- \`${scope}\`: ${API_SCOPE_LABELS[scope]}`),
        "Money is `{ amount: \"12.50\", currency: \"USD\", amount_minor: \"1250\" }`. Errors are `{ error: { code, message, field } }`.",
        "Lists take `?cursor=&limit=` and answer `next_cursor` (null on the last page).",
      ].join("\n"),
    },
    servers: [{ url: API_PREFIX }],
    security: [{ apiKey: [] }],
    components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key from Settings → API keys" } } },
    paths,
  });
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

/** The statuses a route documents, for the contract test. */
export const documentedStatuses = (route: ApiRoute) => [route.status ?? 200, 400, 401, 403, 429, ...(route.refusals ?? [])];
