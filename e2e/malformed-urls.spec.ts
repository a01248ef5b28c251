import { expect, storageStateFor, test } from "./fixtures/roles";
import { distinctCustomer } from "./support/demo-customers";

test.use({ storageState: storageStateFor("admin") });

// Percent-encoding that does not decode (%ff is no UTF-8), or ids that are no ids, in each
// dynamic segment: the 404 page, never a bare 500.
const paths = [
  "/customers/%ff",
  "/customers/%ff/payments",
  "/customers/%ff/credits/%ff",
  "/customers/not-a-customer",
];

for (const path of paths) {
  test(`answers ${path} with the 404 page`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
}

test("answers a credit id that does not decode, on a real customer, with the 404 page", async ({ page }) => {
  await page.goto(`/customers?q=${encodeURIComponent(distinctCustomer(0).email)}`);
  await page.getByRole("table", { name: "Customers" }).getByRole("row", { name: distinctCustomer(0).fullName }).click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  const response = await page.goto(`${page.url()}/credits/%ff`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
