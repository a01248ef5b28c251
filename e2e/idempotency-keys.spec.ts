import { formatMoney, parseMoney, toDecimalString } from "../server/lib/money";
import { expect, storageStateFor, test } from "./fixtures/roles";
import { customerWithPayments } from "./support/demo-customers";
import { saveBalanceConfirmed } from "./support/set-balance";

// A refusal is kept as its idempotency key's answer, so the form must send a corrected value
// with a new key; with the refused one the server would answer "already used for a different request".
const customer = customerWithPayments(9);

test.describe("a refused save, corrected, as the admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("sets the credits after the server refused the unchanged balance", async ({ page }) => {
    await page.goto("/customers");
    await page.getByLabel("Search customers").fill(customer.lastName);
    await page.getByRole("table", { name: "Customers" }).getByRole("row", { name: customer.fullName }).click();
    await expect(page.getByRole("heading", { level: 1, name: customer.fullName })).toBeVisible();
    await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Payments" }).click();

    const info = page.getByRole("region", { name: "Payment info" });
    await info.getByLabel("Currency").selectOption("USD");
    const credits = info.getByLabel("Credits", { exact: true });
    await expect(credits).not.toHaveValue("");
    const shown = parseMoney(await credits.inputValue(), "USD");
    if (!shown.ok) throw new Error("The Credits field does not hold an amount");
    await info.getByLabel("Reason").selectOption({ index: 1 });
    await info.getByRole("button", { name: "Save balance" }).click();
    await expect(info.getByText(`The balance is already ${formatMoney(shown.amountMinor, "USD")}`)).toBeVisible();

    const target = shown.amountMinor + 500n;
    await credits.fill(toDecimalString(target, "USD"));
    await saveBalanceConfirmed(page, info);
    await expect(page.getByRole("region", { name: "Store credit balance" })).toContainText(formatMoney(target, "USD"));
    await expect(page.getByText("This idempotency key was already used for a different request")).toHaveCount(0);
  });
});
