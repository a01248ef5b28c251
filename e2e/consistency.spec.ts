import { expect, storageStateFor, test } from "./fixtures/roles";
import { distinctCustomer } from "./support/demo-customers";
import { openProfile } from "./support/customer-profile";

// Slots 32 and 33 were meant for this spec, but the seed has 31 distinct customers (0–30); 14 is
// taken by no other spec and by none of the payment helpers (customerWithPayments / customerWithCardEnding).
const customer = distinctCustomer(14);

test.describe("one way of writing things, as the admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("add credit, its page and its history write money, dates, the notify hint and an adjustment's note the one way", async ({ page }) => {
    await openProfile(page, customer);
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Add store credit" }).click();
    const form = page.getByRole("dialog", { name: "Add store credit" });

    // Notify customer: off by default, with the same hint as send credits and refund.
    await expect(form.getByLabel("Notify customer")).not.toBeChecked();
    await expect(form.getByText(`By SMS to ${customer.phone}, else email`)).toBeVisible();

    const memo = `Consistency ${Date.now()}`;
    await form.getByLabel("Amount").fill("12.00");
    await form.getByLabel("Currency").selectOption("USD");
    await form.getByLabel("Memo").fill(memo);
    // The browser draws the date field in its own locale; the day is also written the store's way.
    await form.getByLabel("Expiry date").fill("2099-12-31");
    await expect(form.getByText("31 Dec 2099", { exact: true })).toBeVisible();
    await form.getByRole("button", { name: "Create" }).click();
    await expect(form).toBeHidden();

    await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Store credits" }).click();
    const row = page.getByRole("table", { name: "Store credits" }).getByRole("row").filter({ hasText: memo });
    await expect(row).toContainText("US$12.00");
    await expect(row).toContainText("31 Dec 2099");
    await row.click();

    // The edit form fills the date field from the credit and writes it the same way.
    const credit = page.getByRole("region", { name: "Store credit", exact: true });
    await credit.getByRole("button", { name: "Edit", exact: true }).click();
    await expect(credit.getByLabel("Expiry date")).toHaveValue("2099-12-31");
    await expect(credit.getByText("31 Dec 2099", { exact: true })).toBeVisible();

    // An adjustment's note goes under its reason; the Memo column is for the credit's memo.
    await credit.getByLabel("Amount (USD)").fill("15.00");
    await credit.getByLabel("Reason").selectOption({ index: 1 });
    await credit.getByLabel("Note").fill("Parcel arrived late");
    await credit.getByRole("button", { name: "Update" }).click();
    const events = credit.getByRole("table", { name: "Credit events" });
    const adjusted = events.getByRole("row").nth(1);
    await expect(adjusted).toContainText("+US$3.00");
    const cells = adjusted.getByRole("cell");
    await expect(cells.nth(5)).toContainText("Note: Parcel arrived late");
    await expect(cells.nth(6)).toHaveText("—");
  });
});
