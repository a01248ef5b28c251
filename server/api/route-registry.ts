// Every Storefront API route, in one list: the handler serves these, the OpenAPI document
// describes exactly these, and the contract test calls each. A new route (holds, spends) is one
// more file in routes/ and one more line here.
import type { ApiMethod, ApiRoute } from "./api-route";
import { balanceRoutes } from "./routes/balances.routes";
import { creditRoutes } from "./routes/credits.routes";
import { customerRoutes } from "./routes/customers.routes";
import { holdRoutes } from "./routes/holds.routes";

export const API_ROUTES: readonly ApiRoute[] = [...customerRoutes, ...balanceRoutes, ...creditRoutes, ...holdRoutes];

type Segment = { literal: string } | { param: string };
type CompiledRoute = { route: ApiRoute; segments: Segment[] };

const segmentsOf = (path: string): Segment[] =>
  path
    .split("/")
    .filter(Boolean)
    .map((part) => (/^\{(\w+)\}$/.test(part) ? { param: part.slice(1, -1) } : { literal: part }));

const COMPILED: CompiledRoute[] = API_ROUTES.map((route) => ({ route, segments: segmentsOf(route.path) }));

export type RouteMatch = { route: ApiRoute; params: Record<string, string> } | { route: null; allowed: ApiMethod[] };

/**
 * The route for a method and path (below /api/v1). A path no route has: `allowed` is empty (404);
 * a path that exists for other methods: `allowed` lists them (405). Literal segments win over
 * parameters, so /customers/by-email/x is never read as a customer id.
 */
export function matchRoute(method: string, path: string): RouteMatch {
  const parts = path.split("/").filter(Boolean);
  const candidates: { route: ApiRoute; params: Record<string, string>; literals: number }[] = [];
  for (const { route, segments } of COMPILED) {
    if (segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    const fits = segments.every((segment, i) => {
      const part = parts[i]!;
      if ("literal" in segment) {
        literals += 1;
        return segment.literal === part;
      }
      const value = decodeSegment(part);
      if (value === null) return false;
      params[segment.param] = value;
      return true;
    });
    if (fits) candidates.push({ route, params, literals });
  }
  const best = Math.max(-1, ...candidates.map((c) => c.literals));
  const paths = candidates.filter((c) => c.literals === best);
  const found = paths.find((c) => c.route.method === method);
  return found ? { route: found.route, params: found.params } : { route: null, allowed: paths.map((c) => c.route.method) };
}

function decodeSegment(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}
