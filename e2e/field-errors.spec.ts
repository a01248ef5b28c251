import { expect, storageStateFor, test } from "./fixtures/roles";
import { distinctCustomer } from "./support/demo-customers";
import { openProfile } from "./support/customer-profile";

// A field's refusal shows under that field in plain words; only errors with no field are toasts,
// and no one reads a server field name ("expiresAt:") anywhere.
const customer = distinctCustomer(27);

test.use({ storageState: storageStateFor("admin") });

test("a past expiry date is refused under the Expiry date field, not in a toast", async ({ page }) => {
  await openProfile(page, customer);
  await page.getByRole("region", { name: "Store credit balance" }).getByRole("button", { name: "Add store credit" }).click();
  const dialog = page.getByRole("dialog", { name: "Add store credit" });
  await dialog.getByLabel("Amount").fill("4.00");
  await dialog.getByLabel("Currency").selectOption("USD");
  await dialog.getByLabel("Expiry date").fill("2020-01-15");
  await dialog.getByRole("button", { name: "Create" }).click();

  await expect(dialog.getByLabel("Expiry date")).toHaveAccessibleDescription(/Choose a date in the future$/);
  await expect(dialog.getByLabel("Expiry date")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("expiresAt")).toHaveCount(0);
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0);
});

test("a credit link that names no credit says so, inside the customer's profile", async ({ page }) => {
  await openProfile(page, customer);
  const profile = page.url();
  await page.goto(`${profile}/credits/00000000-0000-4000-8000-000000000000`);
  await expect(page.getByRole("heading", { name: "This store credit does not exist" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: customer.fullName })).toBeVisible();
  await expect(page.getByText(/creditId|Unknown credit/)).toHaveCount(0);
});
