import { expect, storageStateFor, test } from "./fixtures/roles";
import { distinctCustomer } from "./support/demo-customers";
import { openProfile, usdBalanceCents, usdText } from "./support/customer-profile";

const customer = distinctCustomer(1);

test.describe("guide 002 as the admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("adds, edits and deletes a store credit from the customer profile", async ({ page }) => {
    await openProfile(page, customer);
    const before = await usdBalanceCents(page);

    // "Click the three-dot menu … and select Add Store Credit"
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Add store credit" }).click();
    const form = page.getByRole("dialog", { name: "Add store credit" });
    await form.getByLabel("Amount").fill("25.00");
    await form.getByLabel("Currency").selectOption("USD");
    await form.getByLabel("Memo").fill("Goodwill for a late delivery");
    await form.getByRole("button", { name: "Create" }).click();

    await expect(form).toBeHidden();
    await expect(page.getByRole("region", { name: "Store credit balance" })).toContainText(usdText(before + 2500));

    // "Scroll to the Store Credits section … click on a store credit assignment": the row says it
    // opens something (a chevron, a hover style, the pointer) and is a named keyboard stop.
    await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Store credits" }).click();
    const row = page.getByRole("table", { name: "Store credits" }).getByRole("row").filter({ hasText: "Goodwill for a late delivery" });
    await expect(row).toContainText("US$25.00");
    await expect(row).toHaveAttribute("tabindex", "0");
    await expect(row).toHaveAccessibleName(/^US\$25\.00 .* credit of /);
    expect(await row.evaluate((tr) => getComputedStyle(tr).cursor)).toBe("pointer");
    await expect(row.locator("td").last().locator("svg")).toBeVisible();
    const restingBackground = await row.evaluate((tr) => getComputedStyle(tr).backgroundColor);
    await row.hover();
    await expect.poll(() => row.evaluate((tr) => getComputedStyle(tr).backgroundColor)).not.toBe(restingBackground);
    await row.click();

    // "Click Edit in the Details section … click Update": Edit and Delete are labelled buttons in
    // the credit's own header, apart from the customer's "More actions".
    const credit = page.getByRole("region", { name: "Store credit", exact: true });
    const actions = credit.getByRole("group", { name: "Credit actions" });
    await expect(actions.getByRole("button")).toHaveText(["Edit", "Delete"]);
    await actions.getByRole("button", { name: "Edit", exact: true }).click();
    await credit.getByLabel("Memo").fill("Goodwill: parcel arrived a week late");
    await credit.getByRole("button", { name: "Update" }).click();
    await expect(credit.getByText("Goodwill: parcel arrived a week late")).toBeVisible();

    // "… Delete": the credit's Delete button, no menu to open; the profile's menu stays "More actions".
    await expect(page.getByRole("button", { name: "More actions" })).toHaveCount(1);
    await actions.getByRole("button", { name: "Delete", exact: true }).click();
    const confirm = page.getByRole("dialog", { name: "Delete store credit" });
    await expect(confirm).toContainText("US$25.00");
    await confirm.getByLabel("Reason").selectOption({ index: 1 });
    await confirm.getByRole("button", { name: "Delete US$25.00" }).click();

    await expect(confirm).toBeHidden();
    await expect(credit.getByText("Deleted", { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("region", { name: "Store credit balance" })).toContainText(before ? usdText(before) : "No store credit");
    // The credit and its history stay visible: issued, then deleted.
    const events = credit.getByRole("table", { name: "Credit events" });
    await expect(events.getByRole("row").nth(1)).toContainText("Deleted");
    await expect(events.getByRole("row").last()).toContainText("Issued");
  });

  test("refuses an amount finer than the currency allows, beside the field", async ({ page }) => {
    await openProfile(page, customer);
    await page.getByRole("region", { name: "Store credit balance" }).getByRole("button", { name: "Add store credit" }).click();
    const form = page.getByRole("dialog", { name: "Add store credit" });
    await form.getByLabel("Amount").fill("0.001");
    await form.getByLabel("Currency").selectOption("USD");
    await form.getByRole("button", { name: "Create" }).click();
    await expect(form.getByRole("alert")).toHaveText("Use at most 2 decimals for USD");
  });
});

test.describe("as a support agent", () => {
  test.use({ storageState: storageStateFor("support") });

  test("can add credit but is not offered Delete", async ({ page }) => {
    await openProfile(page, customer);
    await page.getByRole("region", { name: "Store credit balance" }).getByRole("button", { name: "Add store credit" }).click();
    const form = page.getByRole("dialog", { name: "Add store credit" });
    await form.getByLabel("Amount").fill("5");
    await form.getByLabel("Currency").selectOption("USD");
    await form.getByLabel("Memo").fill("Support agent credit");
    await form.getByRole("button", { name: "Create" }).click();
    await expect(form).toBeHidden();

    await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Store credits" }).click();
    await page.getByRole("table", { name: "Store credits" }).getByRole("row").filter({ hasText: "Support agent credit" }).click();
    const credit = page.getByRole("region", { name: "Store credit", exact: true });
    await expect(credit.getByRole("group", { name: "Credit actions" }).getByRole("button")).toHaveText(["Edit"]);
    await expect(page.getByRole("button", { name: "Delete", exact: true })).toHaveCount(0);
  });

  test("gets FORBIDDEN from the delete procedure when calling it anyway", async ({ page }) => {
    await page.goto("/customers");
    const response = await page.request.post("/api/trpc/credits.void", {
      data: { json: { idempotencyKey: crypto.randomUUID(), creditId: crypto.randomUUID(), reasonId: crypto.randomUUID() } },
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.json.data.code).toBe("FORBIDDEN");
  });
});
