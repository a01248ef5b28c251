import { type Page } from "@playwright/test";
import { expect, storageStateFor, test } from "./fixtures/roles";
import { distinctCustomer } from "./support/demo-customers";
import { saveBalanceConfirmed } from "./support/set-balance";
import { addUsdCredit } from "./support/customer-profile";

const customer = distinctCustomer(2);

test.use({ storageState: storageStateFor("admin") });

async function openTab(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name }).click();
  await expect(page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name })).toHaveAttribute("aria-current", "page");
}

async function setUsdCredits(page: Page, balance: string, note: string) {
  await openTab(page, "Payments");
  const info = page.getByRole("region", { name: "Payment info" });
  await info.getByLabel("Currency").selectOption("USD");
  await info.getByLabel("Credits", { exact: true }).fill(balance);
  await info.getByLabel("Reason").selectOption({ index: 1 });
  await info.getByLabel("Note").fill(note);
  await saveBalanceConfirmed(page, info);
  await expect(page.getByText(`Credits set to US$${balance}`)).toBeVisible();
}

test("a balance set lower over two credits is one history line, open to each credit's part", async ({ page }) => {
  await page.goto(`/customers?q=${encodeURIComponent(customer.lastName)}`);
  await page.getByRole("table", { name: "Customers" }).getByRole("row", { name: customer.fullName }).click();
  await expect(page.getByRole("heading", { level: 1, name: customer.fullName })).toBeVisible();

  // From a known start: no USD credit, then US$50.00 and a newer US$15.00 (set-balance draws newest first).
  await openTab(page, "Payments");
  const info = page.getByRole("region", { name: "Payment info" });
  await info.getByLabel("Currency").selectOption("USD");
  if ((await info.getByText(/^Now /).innerText()) !== "Now US$0.00") await setUsdCredits(page, "0.00", "Start over");
  await addUsdCredit(page, "50.00");
  await addUsdCredit(page, "15.00");
  await setUsdCredits(page, "42.00", "Stock count");

  await openTab(page, "Credit history");
  const history = page.getByRole("table", { name: "Credit history" });
  await expect(history.getByRole("row").filter({ hasText: "Stock count" })).toHaveCount(1);
  const line = history.getByRole("row").nth(1);
  await expect(line).toContainText("Adjusted down");
  await expect(line).toContainText("−US$23.00");
  await expect(line).toContainText("US$42.00");
  await line.getByRole("button", { name: "2 credits" }).click();
  await expect(line.getByRole("button", { name: "2 credits" })).toHaveAttribute("aria-expanded", "true");
  const parts = history.getByRole("list", { name: "Credits it touched" }).getByRole("listitem");
  await expect(parts).toHaveCount(2);
  await expect(parts.nth(0)).toContainText("−US$15.00");
  await expect(parts.nth(1)).toContainText("−US$8.00");

  // The US$50.00 credit's page shows its own part of the one operation.
  await parts.nth(1).getByRole("link").click();
  const events = page.getByRole("table", { name: "Credit events" });
  await expect(events.getByRole("row").nth(1)).toContainText("−US$8.00");
  await expect(events.getByRole("row").nth(1)).toContainText("of −US$23.00");
  await expect(events.getByRole("row").last()).toContainText("Issued");
});
