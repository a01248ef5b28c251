import type { APIRequestContext } from "@playwright/test";
import { expect, signInThroughUi, storageStateFor, test } from "./fixtures/roles";
import { customerWithPayments } from "./support/demo-customers";
import { E2E_PASSWORD, E2E_STAFF } from "./support/e2e-staff";

const customer = customerWithPayments(7);
const member = E2E_STAFF.refundsOnly;
/** customers:read, credits:read, payments:read, refunds:read, refunds:create, by the descriptions the dialog shows. */
const REFUNDS_ONLY = ["customers:read", "credits:read", "payments:read", "refunds:read", "refunds:create"];

/** A tRPC query over HTTP with the page's session; superjson's envelope unwrapped. */
async function query<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(`/api/trpc/${path}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

test.describe("custom roles", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("an admin makes a Refunds only role; its member may refund but not add credit, and the server refuses credits.issue", async ({
    page,
    browser,
  }) => {
    // Two people and a role made through the UI: more than the default 30 s on a busy box.
    test.slow();
    await page.goto("/customers");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Roles" }).click();
    const roles = page.getByRole("table", { name: "Roles" });
    const adminRow = roles.getByRole("row").filter({ hasText: "Everything, including staff" });
    await expect(adminRow.getByText("Built-in")).toBeVisible();
    await expect(adminRow.getByText("Locked")).toBeVisible();
    await expect(page.getByRole("button", { name: "Edit Admin", exact: true })).toHaveCount(0);

    await page.getByRole("button", { name: "New role" }).click();
    const dialog = page.getByRole("dialog", { name: "New role" });
    await dialog.getByRole("button", { name: "Create role" }).click();
    await expect(dialog.getByText("Enter a name")).toBeVisible();
    await dialog.getByLabel("Name").fill("Refunds only");
    await dialog.getByLabel("Description").fill("Reads customers and refunds payments");
    for (const key of REFUNDS_ONLY) await dialog.getByRole("checkbox", { name: new RegExp(`${key}$`) }).check();
    await expect(dialog.getByRole("checkbox", { name: "Refund a payment refunds:create" })).toBeChecked();
    await dialog.getByRole("button", { name: "Create role" }).click();
    await expect(page.getByText("Role “Refunds only” created")).toBeVisible();
    await expect(dialog).toBeHidden();
    const row = roles.getByRole("row").filter({ hasText: "Refunds only" });
    await expect(row).toContainText("Refund a payment");
    await expect(row).not.toContainText("Add store credit and send credits");
    await expect(row.getByRole("cell").nth(2)).toHaveText("0");

    // The Staff page's role picker is another change; assign through staff.changeRole as the admin.
    const role = (await query<{ key: string; name: string }[]>(page.request, "roles.list")).find((r) => r.name === "Refunds only");
    const staff = (await query<{ id: string; email: string }[]>(page.request, "staff.list")).find((s) => s.email === member.email);
    const assigned = await page.request.post("/api/trpc/staff.changeRole", { data: { json: { staffId: staff?.id, role: role?.key } } });
    expect(assigned.status()).toBe(200);

    await page.reload();
    await expect(row.getByRole("cell").nth(2)).toHaveText("1");
    await page.getByRole("button", { name: "Delete Refunds only", exact: true }).click();
    const confirm = page.getByRole("dialog", { name: "Delete role “Refunds only”?" });
    await confirm.getByRole("button", { name: "Delete role" }).click();
    await expect(confirm.getByRole("alert")).toHaveText("1 staff member has this role; give them another role first");
    await confirm.getByRole("button", { name: "Cancel" }).click();

    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    try {
      const memberPage = await context.newPage();
      await signInThroughUi(memberPage, { email: member.email, password: E2E_PASSWORD });
      await expect(memberPage).toHaveURL(/\/customers$/);
      const nav = memberPage.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link", { name: "Refunds" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "Send credits" })).toHaveCount(0);
      await expect(nav.getByRole("link", { name: "Roles" })).toHaveCount(0);

      await memberPage.getByLabel("Search customers").fill(customer.lastName);
      await memberPage.getByRole("table", { name: "Customers" }).getByRole("row", { name: customer.fullName }).click();
      await expect(memberPage.getByRole("heading", { level: 1, name: customer.fullName })).toBeVisible();
      await expect(memberPage.getByRole("button", { name: "Add store credit" })).toHaveCount(0);
      await memberPage.getByRole("button", { name: "More actions", exact: true }).click();
      await expect(memberPage.getByRole("menuitem", { name: "Copy email" })).toBeVisible();
      await expect(memberPage.getByRole("menuitem", { name: "Add store credit" })).toHaveCount(0);
      await memberPage.keyboard.press("Escape");

      await memberPage.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Payments" }).click();
      const payment = memberPage.getByRole("table", { name: "Past payments" }).getByRole("row").filter({ hasText: customer.payment.description });
      await payment.getByRole("button", { name: /^More actions for PAY-/ }).click();
      await expect(memberPage.getByRole("menuitem", { name: "Create refund" })).toBeVisible();
      await memberPage.keyboard.press("Escape");

      const issue = await memberPage.request.post("/api/trpc/credits.issue", {
        data: { json: { idempotencyKey: crypto.randomUUID(), customerId: crypto.randomUUID(), amount: "5.00", currency: "USD", categoryId: crypto.randomUUID() } },
      });
      expect(issue.status()).toBe(403);
      expect((await issue.json()).error.json.data.code).toBe("FORBIDDEN");
    } finally {
      await context.close();
    }
  });
});
