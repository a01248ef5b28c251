import { type Locator, type Page } from "@playwright/test";
import { formatMoney, parseMoney, toDecimalString } from "../server/lib/money";
import { plannedRefundableMinor, type DemoPurchase } from "../prisma/seed/demo-purchases";
import { expect, storageStateFor, test } from "./fixtures/roles";
import { customerWithCardEnding, customerWithPayments } from "./support/demo-customers";
import { saveBalanceConfirmed } from "./support/set-balance";

// Each test takes its own demo customer; the helpers never return another spec's.
const refundable = customerWithPayments(0);
const bySupport = customerWithPayments(1);
const byViewer = customerWithPayments(2);
const declined = customerWithCardEnding("0002", 0);
const timedOut = customerWithCardEnding("0069", 0);

const usd = (minor: bigint) => formatMoney(minor, "USD");
const methodOf = (p: DemoPurchase) => `${p.cardBrand} •••• ${p.cardLast4}`;
const seededStatusOf = (p: DemoPurchase) => (p.refund ? "Partially refunded" : "Paid");
/** What the seed already refunded of the customer's USD payments (the Total refunded card). */
const seededUsdRefunds = (purchases: DemoPurchase[]) =>
  purchases.reduce((sum, p) => sum + (p.currency === "USD" ? (p.refund?.amountMinor ?? 0n) : 0n), 0n);

/** The USD amount on the profile's balance card, once loaded; zero when it shows none. */
async function usdBalance(card: Locator): Promise<bigint> {
  await expect(card.getByRole("status")).toHaveCount(0);
  const match = /US\$([\d,]+\.\d{2})/.exec(await card.innerText());
  const parsed = parseMoney(match?.[1] ?? "0", "USD");
  return parsed.ok ? parsed.amountMinor : 0n;
}

/** Guide 001 steps 1–4: Customers in the nav, search by last name, open the profile, Payments tab. */
async function openPayments(page: Page, customer: { lastName: string; fullName: string }) {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  await page.getByLabel("Search customers").fill(customer.lastName);
  await page.getByRole("table", { name: "Customers" }).getByRole("row", { name: customer.fullName }).click();
  await expect(page.getByRole("heading", { level: 1, name: customer.fullName })).toBeVisible();
  await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Payments" }).click();
  await expect(page.getByRole("table", { name: "Past payments" })).toBeVisible();
}

const paymentRow = (page: Page, purchase: DemoPurchase) =>
  page.getByRole("table", { name: "Past payments" }).getByRole("row").filter({ hasText: purchase.description });

/** Guide 001 steps 7–8: the payment's three-dot menu, then "Create refund". */
async function openRefundDialog(page: Page, row: Locator): Promise<Locator> {
  await row.getByRole("button", { name: /^More actions for PAY-/ }).click();
  await page.getByRole("menuitem", { name: "Create refund" }).click();
  return page.getByRole("dialog", { name: "Create refund" });
}

test.describe("guide 001 as the admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("sets the credits, then refunds part of a card payment and the customer is told by SMS", async ({ page }) => {
    const { payment: purchase, ...customer } = refundable;
    await openPayments(page, customer);

    // Steps 5–6: "find the Credits area … click on the blue icon next to it".
    const info = page.getByRole("region", { name: "Payment info" });
    await info.getByLabel("Currency").selectOption("USD");
    const credits = info.getByLabel("Credits", { exact: true });
    await expect(credits).not.toHaveValue("");
    const before = parseMoney(await credits.inputValue(), "USD");
    if (!before.ok) throw new Error("The Credits field does not hold an amount");
    const target = before.amountMinor + 1000n;
    await credits.fill(toDecimalString(target, "USD"));
    await info.getByLabel("Reason").selectOption({ index: 1 });
    await saveBalanceConfirmed(page, info);
    await expect(page.getByRole("region", { name: "Store credit balance" })).toContainText(usd(target));

    // Steps 7–9: the payment's menu, "Create refund", Type, amount and reason.
    const row = paymentRow(page, purchase);
    const left = plannedRefundableMinor(purchase);
    await expect(row).toContainText(methodOf(purchase));
    await expect(row).toContainText(seededStatusOf(purchase));
    const dialog = await openRefundDialog(page, row);
    // Empty until typed, so a hurried click-through never refunds everything.
    await expect(dialog.getByLabel("Amount")).toHaveValue("");
    await expect(dialog.getByRole("button", { name: `Refund all (${usd(left)})` })).toBeVisible();
    await expect(dialog.getByText(`By SMS to ${customer.phone}`)).toBeVisible();
    const part = left / 2n;
    await dialog.getByLabel("Type").selectOption("Original payment method");
    await dialog.getByLabel("Amount").fill(toDecimalString(part, "USD"));
    await dialog.getByLabel("Reason").selectOption("Product defective");
    // Off by default, as in every form with it; the guide's customer is told.
    await expect(dialog.getByLabel("Notify customer")).not.toBeChecked();
    await dialog.getByLabel("Notify customer").check();
    await dialog.getByRole("button", { name: "Review refund" }).click();

    // Step 10: the review says exactly what will happen; then "Execute refund".
    await expect(dialog.getByRole("heading", { name: `Refund ${usd(part)} to ${methodOf(purchase)}` })).toBeVisible();
    await dialog.getByRole("button", { name: "Execute refund" }).click();

    // Step 11: "Success!", the customer will get an SMS, "Continue".
    const outcome = dialog.getByRole("region", { name: "Success!" });
    await expect(outcome).toContainText(`${usd(part)} refunded to ${methodOf(purchase)}`);
    await expect(outcome).toContainText(/Reference\s*RF-[0-9A-Z]{10}/);
    await expect(outcome).toContainText("The customer will be notified by SMS");
    await outcome.getByRole("button", { name: "Continue" }).click();
    await expect(dialog).toBeHidden();

    // The row and the analytics change without a reload.
    await expect(row).toContainText("Partially refunded");
    await expect(row).toContainText(usd(left - part));
    await expect(page.getByRole("region", { name: "Total refunded" })).toContainText(usd(seededUsdRefunds(customer.purchases) + part));

    await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Notifications" }).click();
    await expect(page.getByText(`Your refund of ${usd(part)} to ${methodOf(purchase)} has been processed.`)).toBeVisible();
  });

  test("a card the gateway declines: says why, and the payment is unchanged", async ({ page }) => {
    const { payment: purchase, ...customer } = declined;
    await openPayments(page, customer);
    const left = plannedRefundableMinor(purchase);
    const row = paymentRow(page, purchase);
    await expect(row).toContainText("Visa •••• 0002");
    await expect(row).toContainText("Paid");
    const dialog = await openRefundDialog(page, row);

    // Never more than what is left, checked before the server is asked.
    await dialog.getByLabel("Amount").fill(toDecimalString(left + 1n, "USD"));
    await dialog.getByLabel("Reason").selectOption("Other");
    await dialog.getByRole("button", { name: "Review refund" }).click();
    await expect(dialog.getByRole("alert")).toHaveText([
      `The amount can be at most ${usd(left)}, what is left to refund`,
      "Explain the reason when you choose Other",
    ]);
    await dialog.getByLabel("Amount").fill(toDecimalString(left, "USD"));
    await dialog.getByLabel("Explanation").fill("Charged twice at checkout");
    await dialog.getByRole("button", { name: "Review refund" }).click();
    await dialog.getByRole("button", { name: "Execute refund" }).click();

    const outcome = dialog.getByRole("region", { name: "Refund declined" });
    await expect(outcome.getByRole("alert")).toContainText("The card issuer declined the refund (card ending 0002)");
    await expect(outcome).toContainText("Nothing was refunded");
    await outcome.getByRole("button", { name: "Close" }).click();
    await expect(dialog).toBeHidden();

    await expect(row).toContainText("Paid");
    await expect(row).not.toContainText("Refund pending");
    await expect(row.getByRole("cell").nth(5)).toHaveText(usd(left));

    // The attempt is on record: the payment's "View refunds" lists it as failed, with the reason.
    await row.getByRole("button", { name: /^More actions for PAY-/ }).click();
    await page.getByRole("menuitem", { name: "View refunds" }).click();
    await expect(page).toHaveURL(/\/refunds\?payment=/);
    await expect(page.getByRole("status").filter({ hasText: "Showing the refunds of one payment" })).toBeVisible();
    const attempts = page.getByRole("table", { name: "Refunds" }).getByRole("row").filter({ hasText: customer.fullName });
    await expect(attempts).toHaveCount(1);
    await expect(attempts).toContainText("Failed");
    await expect(attempts).toContainText("The card issuer declined the refund (card ending 0002)");
  });
});

test.describe("a gateway that does not answer", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("leaves the refund pending, its amount held on the payment", async ({ page }) => {
    const { payment: purchase, ...customer } = timedOut;
    await openPayments(page, customer);
    const row = paymentRow(page, purchase);
    const dialog = await openRefundDialog(page, row);
    const amount = 1000n;
    await dialog.getByLabel("Amount").fill(toDecimalString(amount, "USD"));
    await dialog.getByLabel("Reason").selectOption("Product not received");
    await dialog.getByRole("button", { name: "Review refund" }).click();
    await dialog.getByRole("button", { name: "Execute refund" }).click();

    const outcome = dialog.getByRole("region", { name: "Refund pending" });
    await expect(outcome.getByRole("status")).toContainText("The payment gateway has not answered yet");
    await expect(outcome).toContainText("settled automatically");
    await outcome.getByRole("button", { name: "Close" }).click();

    await expect(row).toContainText("Refund pending");
    await expect(row).toContainText(`${usd(amount)} pending`);
    await expect(row.getByRole("cell").nth(5)).toContainText(usd(plannedRefundableMinor(purchase) - amount));
  });
});

test.describe("as a support agent", () => {
  test.use({ storageState: storageStateFor("support") });

  test("refunds a card payment to store credit and the balance grows", async ({ page }) => {
    const { payment: purchase, ...customer } = bySupport;
    await openPayments(page, customer);
    const balance = page.getByRole("region", { name: "Store credit balance" });
    const before = await usdBalance(balance);
    const row = paymentRow(page, purchase);
    const dialog = await openRefundDialog(page, row);
    const amount = 1250n;
    await dialog.getByLabel("Type").selectOption("Store credit");
    await dialog.getByLabel("Amount").fill(toDecimalString(amount, "USD"));
    await dialog.getByLabel("Reason").selectOption("Requested by customer");
    await dialog.getByLabel("Internal note").fill("Customer prefers store credit");
    await dialog.getByLabel("Notify customer").uncheck();
    await dialog.getByRole("button", { name: "Review refund" }).click();
    await expect(dialog.getByRole("heading", { name: `Refund ${usd(amount)} to store credit` })).toBeVisible();
    await dialog.getByRole("button", { name: "Execute refund" }).click();

    const outcome = dialog.getByRole("region", { name: "Success!" });
    await expect(outcome).toContainText(`${usd(amount)} refunded to Store credit`);
    await expect(outcome).not.toContainText("will be notified");
    await outcome.getByRole("button", { name: "Continue" }).click();

    await expect(row).toContainText("Partially refunded");
    await expect(row).toContainText(usd(plannedRefundableMinor(purchase) - amount));
    await expect(balance).toContainText(usd(before + amount));
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("sees the payments but is not offered Create refund", async ({ page }) => {
    const { payment: purchase, ...customer } = byViewer;
    await openPayments(page, customer);
    const row = paymentRow(page, purchase);
    await expect(row).toContainText(methodOf(purchase));
    await row.getByRole("button", { name: /^More actions for PAY-/ }).click();
    await expect(page.getByRole("menuitem", { name: "Copy payment reference" })).toBeVisible();
    await expect(page.getByRole("menuitem", { name: "Create refund" })).toHaveCount(0);
  });
});
