import { expect, type Locator, type Page } from "@playwright/test";

/** The confirmation the Payments tab's Credits field opens on "Save balance". */
export const balanceConfirmation = (page: Page) => page.getByRole("dialog", { name: "Confirm the new balance" });

/** Clicks "Save balance" in the Payment info region, then confirms the change the dialog states. */
export async function saveBalanceConfirmed(page: Page, info: Locator) {
  await info.getByRole("button", { name: "Save balance" }).click();
  const dialog = balanceConfirmation(page);
  await dialog.getByRole("button", { name: /^Set balance to / }).click();
  await expect(dialog).toBeHidden();
}
