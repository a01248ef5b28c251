import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, storageStateFor, test } from "./fixtures/roles";

// A manager reads the dashboard and the reports; what the role cannot do stays closed.
test.use({ storageState: storageStateFor("manager") });

/** The Outstanding balance lines of the liability CSV, as { currency: "123.45" }. */
function outstandingOf(csv: string): Record<string, string> {
  return Object.fromEntries(
    csv
      .split("\r\n")
      .map((line) => line.split(","))
      .filter((cells) => cells[0] === "Outstanding")
      .map((cells) => [cells[1]!, cells[4]!]),
  );
}

const asMoney = (decimal: string, currency: string) =>
  new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(decimal as Intl.StringNumericLiteral);

async function exportedOutstanding(page: Page) {
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^store-credit-liability-\d{4}-\d{2}-\d{2}\.csv$/);
  return outstandingOf(await readFile((await file.path())!, "utf8"));
}

test("a manager opens the dashboard, then the liability report, changes the as-of date and exports figures that match the page", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  const usd = page.getByText("Outstanding credit USD", { exact: true });
  await expect(usd).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  await expect(page).toHaveURL(/\/reports\/liability$/);
  const outstanding = page.getByLabel("Outstanding store credit");
  await expect(outstanding.getByText("Outstanding USD")).toBeVisible();
  await expect(page.getByRole("table", { name: "Roll-forward" }).getByRole("cell", { name: "Yes" }).first()).toBeVisible();
  // Currencies are listed in the store's order, which store-wide specs may change: read USD's own figure.
  const nowFigure = (await outstanding.getByText("Outstanding USD").locator("xpath=following-sibling::dd[1]").textContent())!;

  // The file's totals equal the page's.
  const now = await exportedOutstanding(page);
  await expect(page.getByText(/^Exported \d+ figures$/)).toBeVisible();
  expect(asMoney(now.USD!, "USD")).toBe(nowFigure);

  // Only USD, as of a day before the store's first credit: the URL says so and the figure is zero.
  await page.getByLabel("Currency").selectOption("USD");
  await expect(page).toHaveURL(/[?&]currency=USD/);
  await page.getByLabel("As of").fill("2001-01-31");
  await expect(page).toHaveURL(/[?&]asOf=2001-01-31/);
  await expect(page.getByRole("heading", { name: "Outstanding store credit as of 2001-01-31" })).toBeVisible();
  await expect(outstanding.locator("dd").first()).toHaveText("US$0.00");
  expect(nowFigure).not.toBe("US$0.00");
  const past = await exportedOutstanding(page);
  expect(past).toEqual({ USD: "0.00" });

  // The deep link reopens the same figures.
  await page.reload();
  await expect(page.getByLabel("As of")).toHaveValue("2001-01-31");
  await expect(outstanding.locator("dd").first()).toHaveText("US$0.00");

  // The other reports open for a manager, staff activity included.
  await page.getByRole("navigation", { name: "Reports" }).getByRole("link", { name: "Refunds" }).click();
  await expect(page.getByRole("heading", { name: /^Refunds \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/ })).toBeVisible();
  await page.getByRole("navigation", { name: "Reports" }).getByRole("link", { name: "Staff activity" }).click();
  await expect(page.getByRole("heading", { name: /^Staff activity \d{4}/ })).toBeVisible();
});

test("a manager cannot open what the role does not include", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Reports" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Staff" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await page.goto("/staff");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
});

test("quick find opens with Ctrl+K and goes to a report by keyboard", async ({ page }) => {
  await page.goto("/customers");
  await page.keyboard.press("Control+k");
  const box = page.getByRole("combobox", { name: "Find customers, pages and actions" });
  await expect(box).toBeFocused();
  await box.fill("liability");
  await expect(page.getByRole("option", { name: /Store-credit liability report/ })).toBeVisible();
  await box.press("Enter");
  await expect(page).toHaveURL(/\/reports\/liability$/);
});
