// The Refunds page: every refund across customers, filtered through the URL, exported as CSV.
import { expect, storageStateFor, test } from "./fixtures/roles";
import { demoCustomers } from "./support/demo-customers";

// The seed refunds a few customers' oldest purchase; this one is always in the list.
const refunded = demoCustomers.find((c) => c.purchases.some((p) => p.refund))!;
const refundedName = `${refunded.firstName} ${refunded.lastName}`;

test.use({ storageState: storageStateFor("admin") });

test("lists refunds across customers, filters them by status in the URL and exports them", async ({ page }) => {
  await page.goto("/customers");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Refunds" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Refunds" })).toBeVisible();
  const table = page.getByRole("table", { name: "Refunds" });
  await expect(table.getByRole("link", { name: refundedName })).toBeVisible();

  await page.getByLabel("Status").selectOption({ label: "Succeeded" });
  await expect(page).toHaveURL(/[?&]status=SUCCEEDED/);
  const rows = table.locator("tbody tr");
  await expect(rows.filter({ hasText: refundedName })).toHaveCount(1);
  await expect(rows.filter({ hasNotText: "Succeeded" })).toHaveCount(0);

  await page.reload();
  await expect(page.getByLabel("Status")).toHaveValue("SUCCEEDED");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  expect((await download).suggestedFilename()).toMatch(/^refunds-\d{4}-\d{2}-\d{2}\.csv$/);
  await expect(page.getByText(/^Exported \d+ refunds$/)).toBeVisible();

  await table.getByRole("link", { name: refundedName }).click();
  await expect(page.getByRole("heading", { level: 1, name: refundedName })).toBeVisible();
});
