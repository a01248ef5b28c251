import type { Metadata } from "next";
import { ApiReference } from "@/components/api-docs/api-reference";
import type { OpenApiJson } from "@/components/api-docs/openapi-types";
import { buildOpenApiDocument } from "@/server/api/openapi";

export const metadata: Metadata = { title: "Storefront API reference" };

/** The Storefront API's reference, rendered on the server from the same document /api/v1/openapi.json serves. */
export default function ApiDocsPage() {
  return (
    <main id="main-content" className="min-h-screen bg-slate-50">
      <ApiReference doc={buildOpenApiDocument() as unknown as OpenApiJson} />
    </main>
  );
}
