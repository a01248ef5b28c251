import { formatMoney, parseMoney } from "../server/lib/money";
import { expect, storageStateFor, test } from "./fixtures/roles";
import { customerWithPayments } from "./support/demo-customers";
import { openProfile } from "./support/customer-profile";
import { saveBalanceConfirmed } from "./support/set-balance";

// Slot 5 is this file's own customer (refunds.spec.ts takes 0–2).
const customer = customerWithPayments(5);
const usd = (minor: bigint) => formatMoney(minor, "USD");


test.describe("two agents on one customer", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("a balance set from a stale page is refused, and the other agent's credit stays", async ({ page, pageAs }) => {
    // Two browsers, each opening the profile: more than one page's worth of steps on a busy machine.
    test.slow();
    // Agent A (admin) opens the Payments tab and reads the USD credits it shows.
    await openProfile(page, customer);
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
    await openProfile(agentB, customer);
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
    // Refused before the confirmation opens: it would state a change from a balance that is gone.
    await info.getByRole("button", { name: "Save balance" }).click();
    await expect(info.getByRole("alert")).toHaveText(
      `The balance changed from ${usd(shown.amountMinor)} to ${usd(afterB)} since you opened this; check and save again`,
    );
    await expect(credits).toHaveValue("10.00");
    await expect(page.getByRole("region", { name: "Store credit balance" })).toContainText(usd(afterB));

    // B's 25.00 is still there.
    await agentB.reload();
    await expect(agentB.getByRole("region", { name: "Store credit balance" })).toContainText(usd(afterB));

    // A has now seen the new balance; saving again sets it.
    await saveBalanceConfirmed(page, info);
    await expect(page.getByText("Credits set to US$10.00")).toBeVisible();
    await expect(info.getByRole("alert")).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Store credit balance" })).toContainText("US$10.00");
  });

  test("a credit's amount edited from a stale form is refused, and the other agent's amount stays", async ({ page, pageAs }) => {
    test.slow();
    // A adds a 20.00 credit and opens its edit form.
    await openProfile(page, customer);
    await page.getByRole("region", { name: "Store credit balance" }).getByRole("button", { name: "Add store credit" }).click();
    const form = page.getByRole("dialog", { name: "Add store credit" });
    await form.getByLabel("Amount").fill("20.00");
    await form.getByLabel("Currency").selectOption("USD");
    await form.getByLabel("Memo").fill("Edited by two agents");
    await form.getByRole("button", { name: "Create" }).click();
    await expect(form).toBeHidden();
    await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Store credits" }).click();
    await page.getByRole("table", { name: "Store credits" }).getByRole("row").filter({ hasText: "Edited by two agents" }).click();
    const credit = page.getByRole("region", { name: "Store credit", exact: true });
    await credit.getByRole("button", { name: "Edit", exact: true }).click();
    const amount = credit.getByLabel("Amount (USD)");
    await expect(amount).toHaveValue("20.00");

    // B opens the same credit and raises it to 30.00.
    const agentB = await pageAs("support");
    await agentB.goto(page.url());
    const creditB = agentB.getByRole("region", { name: "Store credit", exact: true });
    await creditB.getByRole("button", { name: "Edit", exact: true }).click();
    await creditB.getByLabel("Amount (USD)").fill("30.00");
    await creditB.getByLabel("Reason").selectOption({ index: 1 });
    await creditB.getByRole("button", { name: "Update" }).click();
    await expect(creditB.getByRole("button", { name: "Edit", exact: true })).toBeVisible();
    await expect(creditB).toContainText("US$30.00");

    // A, on the form that showed 20.00, lowers it to 15.00.
    await amount.fill("15.00");
    await credit.getByLabel("Reason").selectOption({ index: 1 });
    await credit.getByRole("button", { name: "Update" }).click();
    await expect(credit.getByRole("alert")).toHaveText("The amount changed from US$20.00 to US$30.00 since you opened this; check and save again");
    await expect(amount).toHaveValue("15.00");
    await agentB.reload();
    await expect(agentB.getByRole("region", { name: "Store credit", exact: true })).toContainText("US$30.00");

    // Saving again, from the amount now shown, goes through.
    await credit.getByRole("button", { name: "Update" }).click();
    await expect(credit.getByRole("button", { name: "Edit", exact: true })).toBeVisible();
    await expect(credit).toContainText("US$15.00");
  });
});
