import { expect, storageStateFor, test } from "./fixtures/roles";
import { distinctCustomer } from "./support/demo-customers";

test.use({ storageState: storageStateFor("admin") });

// Percent-encoding that does not decode (%ff is no UTF-8) in a dynamic segment: a 404 that names
// what is missing, never the bare 500 Next.js answers when it cannot decode the params.
const UNDECODABLE: [string, string][] = [
  ["/customers/%ff", "This customer does not exist"],
  ["/customers/%ff/payments", "This customer does not exist"],
  ["/customers/%ff/credits/%ff", "This store credit does not exist"],
  ["/customers/%E0%A4%A", "This customer does not exist"],
  ["/audit-log/%ff", "This audit entry does not exist"],
];
for (const [path, heading] of UNDECODABLE) {
  test(`answers ${path} with the 404 page: "${heading}"`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: heading })).toBeVisible();
  });
}

test("names the customer, credit or audit entry an id does not find", async ({ page }) => {
  await page.goto("/customers/not-a-customer");
  await expect(page.getByRole("heading", { name: "This customer does not exist" })).toBeVisible();
  await page.goto("/customers/00000000-0000-4000-8000-000000000000/payments");
  await expect(page.getByRole("heading", { name: "This customer does not exist" })).toBeVisible();
  await page.goto("/audit-log/not-an-entry");
  await expect(page.getByRole("heading", { name: "This audit entry does not exist" })).toBeVisible();

  const customer = distinctCustomer(0);
  await page.goto(`/customers?q=${encodeURIComponent(customer.email)}`);
  await page.getByRole("table", { name: "Customers" }).getByRole("row", { name: customer.fullName }).click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  const profile = page.url();

  const undecodable = await page.goto(`${profile}/credits/%ff`);
  expect(undecodable?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This store credit does not exist" })).toBeVisible();

  await page.goto(`${profile}/credits/not-a-credit`);
  await expect(page.getByRole("heading", { name: "This store credit does not exist" })).toBeVisible();
});

test("an unknown address inside the app keeps the sidebar", async ({ page }) => {
  // No status check: the admin shell streams (its loading.tsx), so Next.js has sent 200 before the page says 404.
  await page.goto("/no-such-page/at-all");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" })).toBeVisible();
});
