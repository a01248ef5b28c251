import { type Locator, type Page } from "@playwright/test";
import { formatMoney, parseMoney, toDecimalString } from "../server/lib/money";
import { plannedRefundableMinor } from "../prisma/seed/demo-purchases";
import { expect, storageStateFor, test } from "./fixtures/roles";
import { customerWithPayments, distinctCustomer } from "./support/demo-customers";
import { addUsdCredit, openProfile } from "./support/customer-profile";
import { balanceConfirmation } from "./support/set-balance";

// This file's own customers (issue 11): distinctCustomer 23–25 and customerWithPayments 4.
const lowerAndRaise = distinctCustomer(23);
const drafts = distinctCustomer(24);
const refundAll = customerWithPayments(4);

const usd = (minor: bigint) => formatMoney(minor, "USD");

test.use({ storageState: storageStateFor("admin") });

async function openPaymentInfo(page: Page, customer: { lastName: string; fullName: string }): Promise<Locator> {
  await openProfile(page, customer);
  await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Payments" }).click();
  const info = page.getByRole("region", { name: "Payment info" });
  await info.getByLabel("Currency").selectOption("USD");
  await expect(info.getByLabel("Credits", { exact: true })).not.toHaveValue("");
  return info;
}

async function shownUsd(credits: Locator): Promise<bigint> {
  const shown = parseMoney(await credits.inputValue(), "USD");
  if (!shown.ok) throw new Error("The Credits field does not hold an amount");
  return shown.amountMinor;
}

test("lowering and raising the balance each state the change first; Cancel changes nothing, confirming does", async ({ page }) => {
  // Two credits added, then four trips through the confirmation: more than one page's worth of steps on a busy machine.
  test.slow();
  const info = await openPaymentInfo(page, lowerAndRaise);
  const credits = info.getByLabel("Credits", { exact: true });
  const start = await shownUsd(credits);
  const balanceCard = page.getByRole("region", { name: "Store credit balance" });

  // Two known credits on top, the newer last: lowering by 40.00 takes all of the 30.00, then 10.00 of the 50.00.
  await addUsdCredit(page, "50.00");
  await addUsdCredit(page, "30.00");
  const before = start + 8000n;
  await expect(credits).toHaveValue(toDecimalString(before, "USD"));
  await expect(info.getByText(`Now ${usd(before)}`)).toBeVisible();
  // The currency sits inside the box, after the typed amount.
  await expect(credits.locator("xpath=following-sibling::span")).toHaveText("USD");

  const lowered = before - 4000n;
  await credits.fill(toDecimalString(lowered, "USD"));
  await info.getByLabel("Reason").selectOption({ index: 1 });
  await info.getByRole("button", { name: "Save balance" }).click();
  const dialog = balanceConfirmation(page);
  await expect(dialog).toContainText(`Lower USD balance from ${usd(before)} to ${usd(lowered)}: takes US$40.00 from 2 credits, newest first.`);
  const touched = dialog.getByRole("list", { name: "Credits this takes from" }).getByRole("listitem");
  await expect(touched).toHaveCount(2);
  await expect(touched.nth(0)).toContainText("takes US$30.00, leaves US$0.00");
  await expect(touched.nth(1)).toContainText("takes US$10.00, leaves US$40.00");

  // Cancel: nothing changed, and what was typed is still there.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(balanceCard).toContainText(usd(before));
  await expect(credits).toHaveValue(toDecimalString(lowered, "USD"));
  await expect(info.getByText(`Now ${usd(before)}`)).toBeVisible();

  // Confirm: the balance is what the dialog said.
  await info.getByRole("button", { name: "Save balance" }).click();
  await dialog.getByRole("button", { name: `Set balance to ${usd(lowered)}` }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Credits set to ${usd(lowered)}`)).toBeVisible();
  await expect(balanceCard).toContainText(usd(lowered));
  await expect(info.getByText(`Now ${usd(lowered)}`)).toBeVisible();

  // Raising by 12.00 says it adds a never-expiring Manual correction credit.
  const raised = lowered + 1200n;
  await credits.fill(toDecimalString(raised, "USD"));
  await info.getByLabel("Reason").selectOption({ index: 1 });
  await info.getByRole("button", { name: "Save balance" }).click();
  await expect(dialog).toContainText(
    `Raise USD balance from ${usd(lowered)} to ${usd(raised)}: adds a US$12.00 Manual correction credit that never expires.`,
  );
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(balanceCard).toContainText(usd(lowered));
  await info.getByRole("button", { name: "Save balance" }).click();
  await dialog.getByRole("button", { name: `Set balance to ${usd(raised)}` }).click();
  await expect(page.getByText(`Credits set to ${usd(raised)}`)).toBeVisible();
  await expect(balanceCard).toContainText(usd(raised));
});

test("what was typed survives a currency switch, and an error shows under the field beside the Now hint", async ({ page }) => {
  const info = await openPaymentInfo(page, drafts);
  const credits = info.getByLabel("Credits", { exact: true });
  const now = await shownUsd(credits);

  await credits.fill("12.34");
  await info.getByLabel("Currency").selectOption("EUR");
  await expect(credits.locator("xpath=following-sibling::span")).toHaveText("EUR");
  await expect(credits).not.toHaveValue("12.34");
  await info.getByLabel("Currency").selectOption("USD");
  await expect(credits).toHaveValue("12.34");

  // The server's refusal lands under the field; the hint about the current balance stays.
  await credits.fill("twelve");
  await info.getByLabel("Reason").selectOption({ index: 1 });
  await info.getByRole("button", { name: "Save balance" }).click();
  await expect(info.getByRole("alert")).toHaveText("Enter an amount like 1234.56");
  await expect(info.getByText(`Now ${usd(now)}`)).toBeVisible();
  await expect(balanceConfirmation(page)).toBeHidden();
});

test("the refund amount starts empty; Refund all fills what is left", async ({ page }) => {
  const { payment: purchase, ...customer } = refundAll;
  await openProfile(page, customer);
  await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Payments" }).click();
  const row = page.getByRole("table", { name: "Past payments" }).getByRole("row").filter({ hasText: purchase.description });
  await row.getByRole("button", { name: /^More actions for PAY-/ }).click();
  await page.getByRole("menuitem", { name: "Create refund" }).click();
  const dialog = page.getByRole("dialog", { name: "Create refund" });
  const left = plannedRefundableMinor(purchase);

  const amount = dialog.getByLabel("Amount");
  await expect(amount).toHaveValue("");
  await dialog.getByLabel("Reason").selectOption("Requested by customer");
  await dialog.getByRole("button", { name: "Review refund" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Enter an amount");
  await expect(dialog.getByRole("button", { name: "Execute refund" })).toHaveCount(0);

  await dialog.getByRole("button", { name: `Refund all (${usd(left)})` }).click();
  await expect(amount).toHaveValue(toDecimalString(left, "USD"));
  await expect(dialog.getByRole("alert")).toHaveCount(0);
  await dialog.getByLabel("Type").selectOption("Store credit");
  await dialog.getByRole("button", { name: "Review refund" }).click();
  await expect(dialog.getByRole("heading", { name: `Refund ${usd(left)} to store credit` })).toBeVisible();
  await dialog.getByRole("button", { name: "Execute refund" }).click();
  const outcome = dialog.getByRole("region", { name: "Success!" });
  await expect(outcome).toContainText(`${usd(left)} refunded to Store credit`);
  await outcome.getByRole("button", { name: "Continue" }).click();
  await expect(row.getByText("Refunded", { exact: true })).toBeVisible();
});
