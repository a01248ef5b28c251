import { type Page } from "@playwright/test";
import { formatMoney, parseMoney } from "../server/lib/money";
import { expect, storageStateFor, test } from "./fixtures/roles";
import { customerWithPayments } from "./support/demo-customers";

// Slot 5 is this file's own customer (refunds.spec.ts takes 0–2).
const customer = customerWithPayments(5);
const usd = (minor: bigint) => formatMoney(minor, "USD");

async function openProfile(page: Page) {
  await page.goto("/customers");
  await page.getByLabel("Search customers").fill(customer.lastName);
  await page.getByRole("table", { name: "Customers" }).getByRole("row", { name: customer.fullName }).click();
  await expect(page.getByRole("heading", { level: 1, name: customer.fullName })).toBeVisible();
}

test.describe("two agents on one customer", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("a balance set from a stale page is refused, and the other agent's credit stays", async ({ page, pageAs }) => {
    // Two browsers, each opening the profile: more than one page's worth of steps on a busy machine.
    test.slow();
    // Agent A (admin) opens the Payments tab and reads the USD credits it shows.
    await openProfile(page);
    await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Payments" }).click();
    const info = page.getByRole("region", { name: "Payment info" });
    await info.getByLabel("Currency").selectOption("USD");
    const credits = info.getByLabel("Credits", { exact: true });
    await expect(credits).not.toHaveValue("");
    const shown = parseMoney(await credits.inputValue(), "USD");
    if (!shown.ok) throw new Error("The Credits field does not hold an amount");
    const afterB = shown.amountMinor + 2500n;

    // Agent B (support) adds 25.00 from their own browser.
    const agentB = await pageAs("support");
    await openProfile(agentB);
    await agentB.getByRole("region", { name: "Store credit balance" }).getByRole("button", { name: "Add store credit" }).click();
    const form = agentB.getByRole("dialog", { name: "Add store credit" });
    await form.getByLabel("Amount").fill("25.00");
    await form.getByLabel("Currency").selectOption("USD");
    await form.getByLabel("Memo").fill("Added while A had the page open");
    await form.getByRole("button", { name: "Create" }).click();
    await expect(form).toBeHidden();
    await expect(agentB.getByRole("region", { name: "Store credit balance" })).toContainText(usd(afterB));

    // A, still on the page that showed the old balance, types 10.00 and saves.
    await credits.fill("10.00");
    await info.getByLabel("Reason").selectOption({ index: 1 });
    await info.getByRole("button", { name: "Save credits" }).click();
    await expect(info.getByRole("alert")).toHaveText(
      `The balance changed from ${usd(shown.amountMinor)} to ${usd(afterB)} since you opened this; check and save again`,
    );
    await expect(credits).toHaveValue("10.00");
    await expect(page.getByRole("region", { name: "Store credit balance" })).toContainText(usd(afterB));

    // B's 25.00 is still there.
    await agentB.reload();
    await expect(agentB.getByRole("region", { name: "Store credit balance" })).toContainText(usd(afterB));

    // A has now seen the new balance; saving again sets it.
    await info.getByRole("button", { name: "Save credits" }).click();
    await expect(page.getByText("Credits set to $10.00")).toBeVisible();
    await expect(info.getByRole("alert")).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Store credit balance" })).toContainText("$10.00");
  });
});
