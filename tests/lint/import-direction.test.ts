// The import direction rule of eslint.config.mjs (page -> router -> service -> repo) fires: each
// fixture is linted with the project's own configuration, as if it were the file at `filePath`.
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const RULE = "@typescript-eslint/no-restricted-imports";
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

/** The specifiers the rule refuses in `code` placed at `filePath`. */
async function refused(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => /'([^']+)'/.exec(m.message)?.[1] ?? m.message);
}

const imports = (...lines: string[]) => `${lines.join("\n")}\n`;

describe("the import direction rule", { timeout: 60_000 }, () => {
  it("keeps components and client files off server code, apart from schemas, shared rules and types", async () => {
    for (const filePath of ["components/fixture.tsx", "app/(admin)/refunds/_components/fixture.tsx"]) {
      expect(
        await refused(
          filePath,
          imports(
            'import { listRefundRecords } from "@/server/modules/refunds/refunds.repo";',
            'import { getRefund } from "@/server/modules/refunds/refunds.service";',
            'import { createDb } from "@/server/db/client";',
            'import { getServerCaller } from "@/server/trpc/rsc";',
            'import { formatMoney } from "../../server/lib/money-transaction";',
            'import { ZRefundListInput } from "@/server/modules/refunds/refunds.schema";',
            'import { formatMoney } from "@/server/lib/money";',
            'import type { RefundView } from "@/server/modules/refunds/refund-view";',
            'import { type AppRouter } from "@/server/trpc/root";',
          ),
        ),
      ).toEqual([
        "@/server/modules/refunds/refunds.repo",
        "@/server/modules/refunds/refunds.service",
        "@/server/db/client",
        "@/server/trpc/rsc",
        "../../server/lib/money-transaction",
      ]);
    }
  });

  it("lets pages use the page guard and the tRPC caller, never a service, repo or the database", async () => {
    expect(
      await refused(
        "app/(admin)/refunds/page.tsx",
        imports(
          'import { requirePagePermission } from "@/server/auth/page-guard";',
          'import { getServerCaller } from "@/server/trpc/rsc";',
          'import { listRefunds } from "@/server/modules/refunds/refunds.service";',
          'import { createDb } from "@/server/db/client";',
        ),
      ),
    ).toEqual(["@/server/modules/refunds/refunds.service", "@/server/db/client"]);
  });

  it("keeps tRPC, React, Next.js and next-auth out of services, verb files and repos", async () => {
    for (const filePath of ["server/modules/refunds/refunds.service.ts", "server/modules/refunds/create-refund.ts", "server/modules/refunds/refunds.repo.ts"]) {
      expect(
        await refused(
          filePath,
          imports(
            'import { TRPCError } from "@trpc/server";',
            'import { permissionProcedure } from "@/server/trpc/init";',
            'import type { AppRouter } from "@/server/trpc/root";',
            'import { useState } from "react";',
            'import { getServerSession } from "next-auth";',
            'import { headers } from "next/headers";',
            'import { AppError } from "@/server/lib/app-error";',
            'import { reactLabel } from "./react-label";',
          ),
        ),
      ).toEqual(["@trpc/server", "@/server/trpc/init", "@/server/trpc/root", "react", "next-auth", "next/headers"]);
    }
  });

  it("lets a router call only its module's service and schema", async () => {
    expect(
      await refused(
        "server/modules/refunds/refunds.router.ts",
        imports(
          'import { createTRPCRouter } from "@/server/trpc/init";',
          'import { createRefund } from "./create-refund";',
          'import { listRefundRecords } from "./refunds.repo";',
          'import { findCredit } from "@/server/modules/credits/credits.repo";',
          'import { createDb } from "@/server/db/client";',
          'import { ZRefundListInput } from "./refunds.schema";',
          'import { listRefunds } from "./refunds.service";',
        ),
      ),
    ).toEqual(["./create-refund", "./refunds.repo", "@/server/modules/credits/credits.repo", "@/server/db/client"]);
  });

  it("lets a Storefront API route call module services and schemas, never repos, the database or tRPC", async () => {
    expect(
      await refused(
        "server/api/routes/fixture.routes.ts",
        imports(
          'import { issueCredit } from "@/server/modules/credits/credits.service";',
          'import { ZIssueCreditInput } from "@/server/modules/credits/credits.schema";',
          'import type { CustomerRecord } from "@/server/modules/customers/customers.repo";',
          'import { findCustomerById } from "@/server/modules/customers/customers.repo";',
          'import { getDb } from "@/server/db/client";',
          'import { appRouter } from "@/server/trpc/root";',
          'import { defineRoute } from "../api-route";',
        ),
      ),
    ).toEqual(["@/server/modules/customers/customers.repo", "@/server/db/client", "@/server/trpc/root"]);
  });

  it("lets route handlers reach the Storefront API through its handler and document only", async () => {
    expect(
      await refused(
        "app/api/v1/[...path]/route.ts",
        imports(
          'import { handleApiRequest } from "@/server/api/api-handler";',
          'import { buildOpenApiDocument } from "@/server/api/openapi";',
          'import { API_ROUTES } from "@/server/api/route-registry";',
        ),
      ),
    ).toEqual(["@/server/api/route-registry"]);
  });
});
