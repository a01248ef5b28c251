// Feedback while the server is slow: a clicked row or tab says it is loading and a bar runs across
// the top until the page arrives; a search says "Searching…" over the rows it is about to replace.
// The server's answers are held by page.route() and released by hand, so nothing here races a clock.
import type { Page, Request } from "@playwright/test";
import { expect, storageStateFor, test } from "./fixtures/roles";
import { customerWithPayments, distinctCustomer } from "./support/demo-customers";

const customer = distinctCustomer(30);
// Only searched for (distinctCustomer(31), this spec's other slot, does not exist in the demo seed).
const searched = customerWithPayments(8);

test.use({ storageState: storageStateFor("admin") });

/** Holds every request `matches` picks (prefetches included) until `release()`; `seen` resolves at the first. */
async function holdRequests(page: Page, matches: (request: Request) => boolean) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let markSeen!: () => void;
  const seen = new Promise<void>((resolve) => (markSeen = resolve));
  await page.route(
    () => true,
    async (route) => {
      if (!matches(route.request())) return route.fallback();
      markSeen();
      await released;
      await route.fallback();
    },
  );
  return { seen, release };
}

/** The RSC payload of a client-side navigation (or its prefetch) to `pathname`, not the page load itself. */
const isNavigationTo = (pathname: string) => (request: Request) =>
  new URL(request.url()).pathname === pathname && request.resourceType() !== "document" && request.headers()["rsc"] === "1";

test("a clicked customer row is marked busy and the top bar runs until the profile arrives", async ({ page }) => {
  const profile = await holdRequests(page, isNavigationTo(`/customers/${customer.id}`));
  await page.goto(`/customers?q=${encodeURIComponent(customer.lastName)}`);
  const row = page.getByRole("table", { name: "Customers" }).getByRole("row", { name: customer.fullName });
  const bar = page.getByRole("progressbar", { name: "Loading page" });
  await expect(bar).toHaveCount(0);

  await row.click();
  await expect(row).toHaveAttribute("aria-busy", "true");
  await expect(bar).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();

  profile.release();
  await expect(page.getByRole("heading", { level: 1, name: customer.fullName })).toBeVisible();
  await expect(bar).toHaveCount(0);
});

test("a clicked profile tab is marked busy and the top bar runs until the tab arrives", async ({ page }) => {
  const payments = await holdRequests(page, isNavigationTo(`/customers/${customer.id}/payments`));
  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByRole("heading", { level: 1, name: customer.fullName })).toBeVisible();
  const tab = page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Payments" });
  const bar = page.getByRole("progressbar", { name: "Loading page" });

  await tab.click();
  await expect(tab.locator('[aria-busy="true"]')).toBeVisible();
  await expect(bar).toBeVisible();
  await expect(tab).not.toHaveAttribute("aria-current", "page");

  payments.release();
  await expect(tab).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("region", { name: "Past payments" })).toBeVisible();
  await expect(tab.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(bar).toHaveCount(0);
});

test("a search says Searching… over the previous rows until its answer arrives", async ({ page }) => {
  await page.goto("/customers");
  const table = page.getByRole("table", { name: "Customers" });
  await expect(table.getByRole("row")).not.toHaveCount(0);
  const everyoneCount = await table.locator("tbody tr").count();
  expect(everyoneCount).toBeGreaterThan(1);
  const search = await holdRequests(page, (request) => {
    const url = new URL(request.url());
    return url.pathname.startsWith("/api/trpc/") && url.pathname.includes("customers.search") && url.search.includes(searched.lastName);
  });

  await page.getByLabel("Search customers").fill(searched.lastName);
  const searching = page.getByRole("status").filter({ hasText: "Searching…" });
  await expect(searching).toBeVisible();
  await search.seen;
  // Still the unfiltered rows, under the notice.
  await expect(table.locator("tbody tr")).toHaveCount(everyoneCount);
  await expect(searching).toBeVisible();

  search.release();
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table.getByRole("row", { name: searched.fullName })).toBeVisible();
  await expect(searching).toHaveCount(0);
});
