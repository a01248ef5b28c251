import { isValidElement, type ReactElement } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { NotAllowed } from "@/components/ui/states";
import { PERMISSIONS, type Permission } from "@/server/auth/permissions";

const granted = vi.hoisted(() => ({ permissions: [] as string[] }));

vi.mock("@/server/auth/page-guard", () => ({
  getPageAccess: async (permission: string) => ({
    actor: { permissions: granted.permissions },
    isAllowed: granted.permissions.includes(permission),
  }),
}));
vi.mock("../_components/load-customer", () => ({
  loadCustomer: async (id: string) => ({ id, email: "ada@example.test", phone: null }),
}));
vi.mock("./_components/credits-field", () => ({ CreditsField: () => null }));
vi.mock("./_components/past-payments", () => ({ PastPayments: () => null }));

const { default: CustomerPaymentsPage } = await import("./page");
const { CreditsField } = await import("./_components/credits-field");
const { PastPayments } = await import("./_components/past-payments");

const allBut = (missing: Permission) => (Object.keys(PERMISSIONS) as Permission[]).filter((p) => p !== missing);
const render = () => CustomerPaymentsPage({ params: Promise.resolve({ customerId: "c1" }) });

/** Every element type in the tree the page returned (its own JSX, not rendered further). */
function typesIn(node: unknown): unknown[] {
  if (Array.isArray(node)) return node.flatMap(typesIn);
  if (!isValidElement(node)) return [];
  const element = node as ReactElement<{ children?: unknown }>;
  return [element.type, ...typesIn(element.props.children)];
}

describe("the Payments tab's page", () => {
  beforeEach(() => {
    granted.permissions = [];
  });

  it("is not allowed without payments:read, even with credits:read", async () => {
    granted.permissions = allBut("payments:read");
    expect(typesIn(await render())).toEqual([NotAllowed]);
  });

  it("shows the past payments with payments:read and hides the Credits field without credits:read", async () => {
    granted.permissions = allBut("credits:read");
    const types = typesIn(await render());
    expect(types).toContain(PastPayments);
    expect(types).not.toContain(CreditsField);
  });

  it("shows both with payments:read and credits:read", async () => {
    granted.permissions = Object.keys(PERMISSIONS);
    const types = typesIn(await render());
    expect(types).toEqual(expect.arrayContaining([PastPayments, CreditsField]));
  });
});
