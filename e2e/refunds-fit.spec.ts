// The Refunds page at 1280x720: the table fits beside the sidebar (its last column on screen, no
// sideways scroll), long text is cut with the whole of it on hover, and the search box filters.
import { expect, storageStateFor, test } from "./fixtures/roles";
import { demoCustomers } from "./support/demo-customers";

// The seed refunds a few customers' oldest purchase; this one is always in the list. Read only.
const refunded = demoCustomers.find((c) => c.purchases.some((p) => p.refund))!;
const refundedName = `${refunded.firstName} ${refunded.lastName}`;

test.use({ storageState: storageStateFor("admin"), viewport: { width: 1280, height: 720 } });

test("at 1280 wide the last column is on screen and nothing scrolls sideways", async ({ page }) => {
  await page.goto("/refunds");
  const table = page.getByRole("table", { name: "Refunds" });
  await expect(table.locator("tbody tr").first()).toBeVisible();

  const headers = table.getByRole("columnheader");
  const last = headers.filter({ visible: true }).last();
  await expect(last).toHaveText("Reason and note");
  const box = await last.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
  const lastCell = await table.locator("tbody tr").first().locator("td").filter({ visible: true }).last().boundingBox();
  expect(lastCell!.x + lastCell!.width).toBeLessThanOrEqual(1280);
  // The table's scroller has nothing hidden to the side, and neither has the page.
  expect(await table.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth)).toBeLessThanOrEqual(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  // The staff member, a column of its own on wider screens, is under the date here.
  await expect(headers.filter({ hasText: "Staff member" })).toBeHidden();
  await expect(table.locator("tbody tr").first().locator("td").first()).toContainText("by ");
  // Cut text keeps the whole of it as its title.
  const reference = table.locator("tbody tr").first().locator("td").nth(1).locator("[title]").first();
  await expect(reference).toHaveAttribute("title", /^of PAY-/);
});

test("the search finds refunds by customer name and by refund reference, in the URL and the export", async ({ page }) => {
  await page.goto("/refunds");
  const table = page.getByRole("table", { name: "Refunds" });
  const rows = table.locator("tbody tr");
  await expect(rows.first()).toBeVisible();

  const search = page.getByLabel("Search refunds");
  await search.fill(refunded.lastName.toUpperCase());
  await expect(page).toHaveURL(new RegExp(`[?&]q=${refunded.lastName.toUpperCase()}`));
  await expect(rows.filter({ hasText: refundedName })).not.toHaveCount(0);
  await expect(rows.filter({ hasNotText: refunded.lastName })).toHaveCount(0);

  const reference = (await rows.first().locator("td").nth(1).locator("span.font-mono").first().innerText()).trim();
  expect(reference).toMatch(/^RF-/);
  await search.fill(reference.toLowerCase());
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(reference);

  await page.reload();
  await expect(page.getByLabel("Search refunds")).toHaveValue(reference.toLowerCase());
  await expect(rows).toHaveCount(1);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  await download;
  await expect(page.getByText("Exported 1 refunds")).toBeVisible();

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByLabel("Search refunds")).toHaveValue("");
  await expect(page).not.toHaveURL(/[?&]q=/);
});
