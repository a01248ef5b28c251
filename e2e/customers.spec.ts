import { type Page } from "@playwright/test";
import { expect, storageStateFor, test } from "./fixtures/roles";
import { distinctCustomer } from "./support/demo-customers";

test.use({ storageState: storageStateFor("support") });

const target = distinctCustomer(0);
const fullName = target.fullName;
const digits = target.phone!.replace(/\D/g, "").slice(1);

async function search(page: Page, text: string) {
  const box = page.getByLabel("Search customers");
  await box.fill(text);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text).replace(/%20/g, "(\\+|%20)")}`));
}

const table = (page: Page) => page.getByRole("table", { name: "Customers" });

test("finds a customer by last name, email fragment and a phone typed with spaces and dashes", async ({ page }) => {
  await page.goto("/customers");
  await expect(table(page).getByRole("row").nth(1)).toBeVisible();

  await search(page, target.lastName);
  await expect(table(page).getByRole("row", { name: fullName })).toBeVisible();

  const fragment = target.email.split("@")[0]!.slice(1, 9);
  await search(page, fragment);
  await expect(table(page).getByRole("row", { name: fullName })).toBeVisible();

  const phone = `${digits.slice(0, 3)} ${digits.slice(3, 6)}-${digits.slice(6)}`;
  await search(page, phone);
  await expect(table(page).getByRole("row", { name: fullName })).toBeVisible();

  // The search lives in the URL, so it survives a reload.
  await page.reload();
  await expect(page.getByLabel("Search customers")).toHaveValue(phone);
  await expect(table(page).getByRole("row", { name: fullName })).toBeVisible();
});

test("opens the row clicked at once after typing, before the search's pause is over, every time", async ({ page }) => {
  test.setTimeout(90_000);
  const profile = new RegExp(`/customers/${target.id}$`);
  for (let attempt = 1; attempt <= 3; attempt++) {
    await page.goto("/customers");
    // The row shows for the name typed so far; the last letter is typed right before the click.
    await search(page, target.lastName.slice(0, -1));
    const row = table(page).getByRole("row", { name: fullName });
    await expect(row, `attempt ${attempt}`).toBeVisible();
    await page.getByLabel("Search customers").fill(target.lastName);
    await row.click();

    await expect(page.getByRole("heading", { level: 1, name: fullName }), `attempt ${attempt}`).toBeVisible();
    await expect(page).toHaveURL(profile);
    // Still there once the profile has loaded: the pending search did not pull us back.
    await expect(page.getByRole("navigation", { name: "Customer sections" })).toBeVisible();
    await expect(page.getByText(target.email).first()).toBeVisible();
    await expect(page).toHaveURL(profile);
  }
});

test("says when nothing matches and how to widen the search", async ({ page }) => {
  await page.goto("/customers?q=zzqx-nobody");
  await expect(page.getByText("No customers match “zzqx-nobody”")).toBeVisible();
  await expect(page.getByText(/clear the search to see everyone/)).toBeVisible();
});

test("opens the profile from a row, with the keyboard too, and switches tabs by click and by URL", async ({ page }) => {
  await page.goto(`/customers?q=${encodeURIComponent(target.lastName)}`);
  const row = table(page).getByRole("row", { name: fullName });
  await row.focus();
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { level: 1, name: fullName })).toBeVisible();
  await expect(page.getByText(target.email).first()).toBeVisible();
  const tabs = page.getByRole("navigation", { name: "Customer sections" });
  await expect(tabs.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");

  await tabs.getByRole("link", { name: "Payments" }).click();
  await expect(page).toHaveURL(/\/payments$/);
  await expect(tabs.getByRole("link", { name: "Payments" })).toHaveAttribute("aria-current", "page");

  const profileUrl = page.url().replace(/\/payments$/, "");
  await page.goto(`${profileUrl}/credit-history`);
  await expect(tabs.getByRole("link", { name: "Credit history" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { level: 1, name: fullName })).toBeVisible();
});

test("an unknown or malformed customer id shows the not-found page, which names the customer", async ({ page }) => {
  for (const id of ["0190a000-0000-7000-8000-000000000000", "not-a-customer-id"]) {
    await page.goto(`/customers/${id}`);
    await expect(page.getByRole("heading", { name: "This customer does not exist" })).toBeVisible();
  }
});
