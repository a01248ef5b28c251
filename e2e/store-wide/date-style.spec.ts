// The date style is one setting for the whole store, so this spec runs in the "store-wide"
// project, after every other spec has finished (playwright.config.ts): no spec reading "15 Jan
// 2027"-style dates can run while the store writes "Jan 15, 2027". It signs in itself, so it
// also runs alone: `npx playwright test --project=store-wide --no-deps`.
import type { Browser, Page } from "@playwright/test";
import { demoStaff, expect, signInThroughUi, test } from "../fixtures/roles";
import { distinctCustomer } from "../support/demo-customers";
import { openProfile } from "../support/customer-profile";

const profileCustomer = distinctCustomer(3);
const creditCustomer = distinctCustomer(4);

const EN_GB_DAY = /Customer since\s*\d{1,2} [A-Z][a-z]{2} \d{4}/;
const EN_US_DAY = /Customer since\s*[A-Z][a-z]{2} \d{1,2}, \d{4}/;

/** The profile's own header (name, contact, Customer since), not the app's top bar. */
const profileHeader = (page: Page) => page.getByRole("main").locator("header");

async function signedInAdmin(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInThroughUi(page, demoStaff("admin"));
  // Sign-in lands on the dashboard.
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  return page;
}

/** Chooses a style in Settings → Date style and saves it; the toast shows a day in that style. */
async function saveDateStyle(page: Page, style: "en-GB" | "en-US", example: string) {
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Date style" });
  await section.getByLabel("Date style").selectOption(style);
  await section.getByRole("button", { name: "Save date style" }).click();
  await expect(page.getByText(`Date style saved: dates now read like ${example}`)).toBeVisible();
}

test.describe.configure({ mode: "serial" });

test.describe("the store's date style, as the admin", () => {
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    page = await signedInAdmin(browser);
  });
  // Whatever happened above, the store ends on its default style.
  test.afterAll(async ({ browser }) => {
    const admin = await signedInAdmin(browser);
    await saveDateStyle(admin, "en-GB", "15 Jan 2027");
    await Promise.all([admin.context().close(), page?.context().close()]);
  });

  test("changed in Settings, profiles, date fields and credits write dates the new way", async () => {
    // Five page loads, two profiles and a credit on a shared 2-core machine.
    test.slow();
    await openProfile(page, profileCustomer);
    await expect(profileHeader(page)).toContainText(EN_GB_DAY);

    await saveDateStyle(page, "en-US", "Jan 15, 2027");
    await expect(page.getByRole("region", { name: "Date style" }).getByLabel("Date style")).toHaveValue("en-US");

    await openProfile(page, profileCustomer);
    await expect(profileHeader(page)).toContainText(EN_US_DAY);

    await openProfile(page, creditCustomer);
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Add store credit" }).click();
    const form = page.getByRole("dialog", { name: "Add store credit" });
    const memo = `Date style ${Date.now()}`;
    await form.getByLabel("Amount").fill("3.00");
    await form.getByLabel("Currency").selectOption("USD");
    await form.getByLabel("Memo").fill(memo);
    await form.getByLabel("Expiry date").fill("2099-12-31");
    await expect(form.getByText("Dec 31, 2099", { exact: true })).toBeVisible();
    await form.getByRole("button", { name: "Create" }).click();
    await expect(form).toBeHidden();

    await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Store credits" }).click();
    const row = page.getByRole("table", { name: "Store credits" }).getByRole("row").filter({ hasText: memo });
    await expect(row).toContainText("Dec 31, 2099");
  });

  test("set back to the default, pages write dates en-GB again", async () => {
    test.slow();
    await saveDateStyle(page, "en-GB", "15 Jan 2027");
    await openProfile(page, creditCustomer);
    await expect(profileHeader(page)).toContainText(EN_GB_DAY);
    await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Store credits" }).click();
    await expect(page.getByRole("table", { name: "Store credits" }).getByRole("row").filter({ hasText: "31 Dec 2099" }).first()).toBeVisible();
  });
});
