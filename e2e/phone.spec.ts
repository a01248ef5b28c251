// Issue 11 "Phone width is unusable": every task of the three seed guides at 390x844, reached
// through the Menu drawer, and no screen on the way wider than the phone.
import type { Locator, Page } from "@playwright/test";
import { formatMoney, parseMoney, toDecimalString } from "../server/lib/money";
import { plannedRefundableMinor } from "../prisma/seed/demo-purchases";
import { expect, storageStateFor, test } from "./fixtures/roles";
import { usdBalanceCents, usdText } from "./support/customer-profile";
import { customerWithPayments, distinctCustomer } from "./support/demo-customers";
import { balanceConfirmation } from "./support/set-balance";

const PHONE = { width: 390, height: 844 };
// distinctCustomer(21) is the same person as customerWithPayments(3), so this file uses it once.
const storeCreditCustomer = distinctCustomer(20);
const refundCustomer = customerWithPayments(3);
const receiver = distinctCustomer(22);
const usd = (minor: bigint) => formatMoney(minor, "USD");

type Customer = { lastName: string; fullName: string };

/** The page itself never scrolls sideways: what is wider (tables, tabs) scrolls inside its own box. */
async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

/** Opens the Menu drawer and follows one of its links; the drawer closes and the page opens. */
async function openFromMenu(page: Page, label: string) {
  await page.getByRole("button", { name: "Menu" }).click();
  const drawer = page.getByRole("dialog", { name: "Menu" });
  await drawer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label, exact: true }).click();
  await expect(drawer).toBeHidden();
}

/** Guide 001 steps 1–3 at phone width: from where sign-in lands, Customers from the Menu, search by last name, open the profile. */
async function findCustomer(page: Page, customer: Customer) {
  await page.goto("/");
  await openFromMenu(page, "Customers");
  await page.getByLabel("Search customers").fill(customer.lastName);
  const row = page.getByRole("table", { name: "Customers" }).getByRole("row", { name: customer.fullName });
  await expect(row).toBeVisible();
  await expectNoSidewaysScroll(page);
  await row.click();
  await expect(page.getByRole("heading", { level: 1, name: customer.fullName })).toBeVisible();
  await expect(page.getByRole("region", { name: "Store credit balance" }).getByRole("status")).toHaveCount(0);
  await expectNoSidewaysScroll(page);
}

const tab = (page: Page, name: string) => page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name });

/** A dialog fits on the phone: inside the viewport, with its own scroll when taller. */
async function expectFitsScreen(dialog: Locator) {
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
}

test.use({ viewport: PHONE, storageState: storageStateFor("admin") });

test("the sidebar is a Menu button opening a drawer: focus moves in, Escape and Close close it, a link closes it and navigates", async ({ page }) => {
  await page.goto("/customers");
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  // No sidebar taking the phone's width; the menu is one labelled button.
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  const menuButton = page.getByRole("button", { name: "Menu" });

  await menuButton.click();
  const drawer = page.getByRole("dialog", { name: "Menu" });
  await expect(drawer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" })).toHaveAttribute("aria-current", "page");
  expect(await drawer.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(menuButton).toBeFocused();

  await menuButton.click();
  await drawer.getByRole("button", { name: "Close menu" }).click();
  await expect(drawer).toBeHidden();

  await openFromMenu(page, "Refunds");
  await expect(page).toHaveURL(/\/refunds$/);
  await expect(page.getByRole("heading", { level: 1, name: "Refunds" })).toBeVisible();
});

test("a wide table scrolls inside its card with the first column pinned over an opaque background", async ({ page }) => {
  await page.goto("/refunds");
  const table = page.getByRole("table", { name: "Refunds" });
  const firstCell = table.getByRole("row").nth(1).getByRole("cell").first();
  await expect(firstCell).toBeVisible();
  await expectNoSidewaysScroll(page);

  const scroller = table.locator("xpath=..");
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  const before = (await firstCell.boundingBox())!;
  await scroller.evaluate((el) => el.scrollBy({ left: 300 }));
  expect(await scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  // The second column has moved left under the first; the first stayed where it was.
  expect((await firstCell.boundingBox())!.x).toBe(before.x);
  expect(await firstCell.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");
});

test("guide 002: adds, edits and deletes a store credit at phone width", async ({ page }) => {
  await findCustomer(page, storeCreditCustomer);
  const before = await usdBalanceCents(page);

  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("menuitem", { name: "Add store credit" }).click();
  const form = page.getByRole("dialog", { name: "Add store credit" });
  await expectFitsScreen(form);
  await form.getByLabel("Amount").fill("25.00");
  await form.getByLabel("Currency").selectOption("USD");
  await form.getByLabel("Memo").fill("Phone goodwill credit");
  await form.getByRole("button", { name: "Create" }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole("region", { name: "Store credit balance" })).toContainText(usdText(before + 2500));

  await tab(page, "Store credits").click();
  const row = page.getByRole("table", { name: "Store credits" }).getByRole("row").filter({ hasText: "Phone goodwill credit" });
  await expect(row).toContainText("US$25.00");
  await expectNoSidewaysScroll(page);
  await row.click();

  const credit = page.getByRole("region", { name: "Store credit", exact: true });
  await expect(credit.getByRole("table", { name: "Credit events" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await credit.getByRole("group", { name: "Credit actions" }).getByRole("button", { name: "Edit", exact: true }).click();
  await credit.getByLabel("Memo").fill("Phone goodwill: parcel arrived late");
  await credit.getByRole("button", { name: "Update" }).click();
  await expect(credit.getByText("Phone goodwill: parcel arrived late")).toBeVisible();
  await expectNoSidewaysScroll(page);

  // Edit and Delete are labelled buttons in the credit's own header.
  await credit.getByRole("group", { name: "Credit actions" }).getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("dialog", { name: "Delete store credit" });
  await expectFitsScreen(confirm);
  await confirm.getByLabel("Reason").selectOption({ index: 1 });
  await confirm.getByRole("button", { name: "Delete US$25.00" }).click();
  await expect(confirm).toBeHidden();
  await expect(credit.getByText("Deleted", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Store credit balance" })).toContainText(before ? usdText(before) : "No store credit");
  await expectNoSidewaysScroll(page);
});

test("guide 001: sets the balance and refunds a payment at phone width; every profile tab fits", async ({ page }) => {
  const { payment, ...customer } = refundCustomer;
  await findCustomer(page, customer);

  // Every tab of the profile, each once its list (or its empty state) has loaded.
  const main = page.getByRole("main");
  for (const [name, content] of [
    ["Store credits", main.getByRole("table", { name: "Store credits" }).or(main.getByText("No store credits"))],
    ["Credit history", main.getByRole("table", { name: "Credit history" }).or(main.getByText("No credit history"))],
    ["Notifications", main.getByRole("table", { name: "Notifications" }).or(main.getByText("No notifications"))],
    ["Activity", main.getByRole("table", { name: "Audit entries" }).or(main.getByText("No activity yet"))],
  ] as const) {
    await tab(page, name).click();
    await expect(tab(page, name)).toHaveAttribute("aria-current", "page");
    await expect(content).toBeVisible();
    await expectNoSidewaysScroll(page);
  }
  await tab(page, "Overview").click();
  await expect(page.getByRole("main").getByText("Customer id")).toBeVisible();
  await expectNoSidewaysScroll(page);

  // Steps 4–6: Payments, the Credits field, its save button.
  await tab(page, "Payments").click();
  const row = page.getByRole("table", { name: "Past payments" }).getByRole("row").filter({ hasText: payment.description });
  await expect(row).toBeVisible();
  await expectNoSidewaysScroll(page);
  const info = page.getByRole("region", { name: "Payment info" });
  await info.getByLabel("Currency").selectOption("USD");
  const credits = info.getByLabel("Credits", { exact: true });
  await expect(credits).not.toHaveValue("");
  const current = parseMoney(await credits.inputValue(), "USD");
  if (!current.ok) throw new Error("The Credits field does not hold an amount");
  const target = current.amountMinor + 1500n;
  await credits.fill(toDecimalString(target, "USD"));
  await info.getByLabel("Reason").selectOption({ index: 1 });
  await info.getByRole("button", { name: "Save balance" }).click();
  const confirmation = balanceConfirmation(page);
  await expectFitsScreen(confirmation);
  await confirmation.getByRole("button", { name: /^Set balance to / }).click();
  await expect(confirmation).toBeHidden();
  await expect(page.getByRole("region", { name: "Store credit balance" })).toContainText(usd(target));

  // Steps 7–11: the payment's menu (in the table's scrolled part), Create refund, review, execute.
  await row.getByRole("button", { name: /^More actions for PAY-/ }).click();
  await page.getByRole("menuitem", { name: "Create refund" }).click();
  const dialog = page.getByRole("dialog", { name: "Create refund" });
  await expectFitsScreen(dialog);
  const part = plannedRefundableMinor(payment) / 2n;
  await dialog.getByLabel("Type").selectOption("Original payment method");
  await dialog.getByLabel("Amount").fill(toDecimalString(part, "USD"));
  await dialog.getByLabel("Reason").selectOption("Product defective");
  await dialog.getByRole("button", { name: "Review refund" }).click();
  await dialog.getByRole("button", { name: "Execute refund" }).click();
  const outcome = dialog.getByRole("region", { name: "Success!" });
  await expect(outcome).toContainText(`${usd(part)} refunded to`);
  await expectFitsScreen(dialog);
  await outcome.getByRole("button", { name: "Continue" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("Partially refunded");
  await expectNoSidewaysScroll(page);

  // The refund is on the Refunds page, reached from the Menu.
  await openFromMenu(page, "Refunds");
  const refunds = page.getByRole("table", { name: "Refunds" });
  await expect(refunds.getByRole("row").filter({ hasText: customer.fullName }).first()).toContainText(usd(part));
  await expectNoSidewaysScroll(page);
});

test("guide 000: sends credits from the Menu at phone width and sees them in the credit history", async ({ page }) => {
  await page.goto("/customers");
  await openFromMenu(page, "Send credits");
  await expect(page.getByRole("heading", { level: 1, name: "Send credits" })).toBeVisible();
  await expectNoSidewaysScroll(page);

  // The form is on the page (no button to open it).
  const form = page.getByRole("region", { name: "Send credits" });
  await expectNoSidewaysScroll(page);
  const receiverBox = form.getByRole("combobox", { name: "Receiver user" });
  await receiverBox.fill(receiver.lastName);
  await form.getByRole("option", { name: receiver.fullName }).click();
  await expect(form.getByLabel("Receiver user")).toContainText(receiver.email);
  await form.getByLabel("Credit amount").fill("12.40");
  await form.getByLabel("Payment infrastructure").selectOption({ label: "Bank transfer" });
  await form.getByLabel("Payment method").selectOption({ label: "Wire transfer" });
  await form.getByLabel("Earning amount").fill("10");
  await form.getByRole("button", { name: "Send credits" }).click();
  await expect(form.getByRole("status").filter({ hasText: "Credits sent" })).toContainText(`US$12.40 to ${receiver.fullName}`);
  await expectNoSidewaysScroll(page);

  await form.getByRole("link", { name: "Open credit history" }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${receiver.id}/credit-history$`));
  const newest = page.getByRole("table", { name: "Credit history" }).getByRole("row").nth(1);
  await expect(newest).toContainText("Issued");
  await expect(newest).toContainText("US$12.40");
  await expectNoSidewaysScroll(page);
});

test("the other screens of the Menu fit the phone", async ({ page }) => {
  await page.goto("/customers");
  for (const [label, heading] of [
    ["Approvals", "Approvals"],
    ["My requests", "My requests"],
    ["Staff", "Staff"],
    ["Roles", "Roles"],
    ["Audit log", "Audit log"],
    ["Settings", "Settings"],
  ] as const) {
    await openFromMenu(page, label);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    // The screen is measured with its content (a table, a settings card or an empty state), not its skeleton.
    await expect(page.getByRole("main").getByRole("status", { name: /^Loading/ })).toHaveCount(0);
    await expect(page.getByRole("main").locator("table, section").first()).toBeVisible();
    await expectNoSidewaysScroll(page);
  }
});

test.describe("at desktop width", () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test("the sidebar stays and there is no Menu button", async ({ page }) => {
    await page.goto("/customers");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  });
});
