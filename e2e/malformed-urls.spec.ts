import { expect, storageStateFor, test } from "./fixtures/roles";
import { distinctCustomer } from "./support/demo-customers";

test.use({ storageState: storageStateFor("admin") });

// Percent-encoding that does not decode (%ff is no UTF-8) in a dynamic segment: a 404, never the
// bare 500 Next.js answers when it cannot decode the params.
for (const path of ["/customers/%ff", "/customers/%ff/payments", "/customers/%ff/credits/%ff", "/customers/%E0%A4%A"]) {
  test(`answers ${path} with the 404 page`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
}

test("shows the 404 page for ids that name no customer or credit", async ({ page }) => {
  await page.goto("/customers/not-a-customer");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  const customer = distinctCustomer(0);
  await page.goto(`/customers?q=${encodeURIComponent(customer.email)}`);
  await page.getByRole("table", { name: "Customers" }).getByRole("row", { name: customer.fullName }).click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  const profile = page.url();

  const undecodable = await page.goto(`${profile}/credits/%ff`);
  expect(undecodable?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  await page.goto(`${profile}/credits/not-a-credit`);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
