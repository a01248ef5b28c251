import { buildOpenApiDocument } from "@/server/api/openapi";

// The OpenAPI 3.1 document of the Storefront API, generated from the routes' zod schemas.
export const dynamic = "force-static";
export const GET = () => Response.json(buildOpenApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
