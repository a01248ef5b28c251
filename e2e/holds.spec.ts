import { formatMoney, parseMoney, toDecimalString } from "../server/lib/money";
import { expect, storageStateFor, test } from "./fixtures/roles";
import { CAPTURED_HOLD, HOLDS_CUSTOMER, OPEN_HOLD } from "./fixtures/holds";
import { openProfile } from "./support/customer-profile";

// Slot 8 is this file's customer: serve.ts placed an open hold and a partly captured one for them
// through the hold services (e2e/fixtures/holds.ts), as the storefront API would.
const usd = (minor: bigint) => formatMoney(minor, "USD");

test.describe("holds on the customer profile", () => {
  test.use({ storageState: storageStateFor("manager") });

  test("shows the shop's holds, and the balance as what is left once the open one is set aside", async ({ page }) => {
    await openProfile(page, HOLDS_CUSTOMER);
    const holds = page.getByRole("table", { name: "Store credit holds for this customer" });
    const open = holds.getByRole("row", { name: new RegExp(OPEN_HOLD.orderRef) });
    await expect(open.getByRole("cell")).toHaveText([usd(OPEN_HOLD.amountMinor), OPEN_HOLD.orderRef, /\d/, "Held"]);
    const captured = holds.getByRole("row", { name: new RegExp(CAPTURED_HOLD.orderRef) });
    await expect(captured.getByRole("cell")).toHaveText([
      `${usd(CAPTURED_HOLD.amountMinor)}${usd(CAPTURED_HOLD.capturedMinor)} captured`,
      CAPTURED_HOLD.orderRef,
      "—",
      "Captured",
    ]);
    // Open holds come first.
    await expect(holds.getByRole("row").nth(1)).toContainText(OPEN_HOLD.orderRef);
    await expect(page.getByRole("region", { name: "Store credit balance" })).toContainText(`${usd(OPEN_HOLD.amountMinor)} on hold`);

    // The Payments tab's Credits field sets the whole balance: the spendable one plus what is held.
    const card = page.getByRole("region", { name: "Store credit balance" });
    const spendable = parseMoney(/US\$([\d,]+\.\d{2})/.exec(await card.innerText())?.[1] ?? "", "USD");
    if (!spendable.ok) throw new Error("The balance card shows no USD amount");
    await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Payments" }).click();
    const info = page.getByRole("region", { name: "Payment info" });
    await info.getByLabel("Currency").selectOption("USD");
    await expect(info.getByLabel("Credits", { exact: true })).toHaveValue(toDecimalString(spendable.amountMinor + OPEN_HOLD.amountMinor, "USD"));
    await expect(info.getByText(`${usd(OPEN_HOLD.amountMinor)} of it on hold`)).toBeVisible();
  });
});
