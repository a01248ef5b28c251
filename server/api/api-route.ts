import type { z } from "zod";
import type { Db } from "@/server/db/client";
import type { ApiKeyRef, RequestOrigin } from "@/server/lib/service-context";
import type { ApiScope } from "@/server/modules/api-keys/api-keys.schema";

export type ApiMethod = "GET" | "POST" | "PUT";

/** What a handler gets: the database, the key it acts for, and (on POST) the request's idempotency key. */
export type ApiContext<M extends ApiMethod = ApiMethod> = {
  db: Db;
  apiKey: ApiKeyRef;
  request: RequestOrigin;
  /** The Idempotency-Key header as a uuid (v5 of its text); services scope it to the API key. */
  idempotencyKey: M extends "POST" ? string : null;
};

type AnyObject = z.ZodObject;
type OutputOf<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * One REST route: where it lives, the scope it needs, its zod schemas (which validate the request,
 * strip the answer and generate the OpenAPI document) and a thin handler that calls one service.
 */
export type ApiRouteDefinition<M extends ApiMethod, P extends AnyObject | undefined, Q extends AnyObject | undefined, B extends z.ZodType | undefined, R extends z.ZodType> = {
  method: M;
  /** OpenAPI style, below /api/v1: "/customers/{customer_id}". */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  scope: ApiScope;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** 200 unless it creates something (201). */
  status?: 200 | 201;
  /** The refusals worth documenting beyond 400/401/403/429 (e.g. 404, 409, 422). */
  refusals?: readonly (404 | 409 | 422)[];
  handler: (ctx: ApiContext<M>, input: { params: OutputOf<P>; query: OutputOf<Q>; body: OutputOf<B> }) => Promise<z.input<R>>;
};

/** A route as the registry holds it, its types erased. */
export type ApiRoute = ApiRouteDefinition<ApiMethod, AnyObject | undefined, AnyObject | undefined, z.ZodType | undefined, z.ZodType>;

export function defineRoute<M extends ApiMethod, P extends AnyObject | undefined, Q extends AnyObject | undefined, B extends z.ZodType | undefined, R extends z.ZodType>(
  route: ApiRouteDefinition<M, P, Q, B, R>,
): ApiRoute {
  return route as unknown as ApiRoute;
}
