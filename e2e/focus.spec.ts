import type { Page } from "@playwright/test";
import { expect, storageStateFor, test } from "./fixtures/roles";
import { distinctCustomer } from "./support/demo-customers";
import { openProfile } from "./support/customer-profile";

// Keyboard focus never drops to the page body: dialogs open on their first field and give focus
// back to what opened them (or to the row they added); a skip link leads past the navigation.
const customer = distinctCustomer(26);

test.use({ storageState: storageStateFor("admin") });

async function openStoreCredits(page: Page) {
  await openProfile(page, customer);
  await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Store credits" }).click();
  await expect(page.getByRole("heading", { name: "Store credits" })).toBeVisible();
}

test("a dialog opens on its first field, and Escape or Close gives focus back to its opener", async ({ page }) => {
  await openStoreCredits(page);
  const opener = page.getByRole("main").getByRole("button", { name: "Add store credit" }).last();
  const dialog = page.getByRole("dialog", { name: "Add store credit" });

  await opener.focus();
  await page.keyboard.press("Enter");
  await expect(dialog.getByLabel("Amount")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  await opener.click();
  await expect(dialog.getByLabel("Amount")).toBeFocused();
  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  await expect(opener).toBeFocused();

  // Opened from a dropdown menu, whose item is gone once the dialog shows: focus returns to the menu's button.
  const menu = page.getByRole("button", { name: "More actions" });
  await menu.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("menuitem", { name: "Add store credit" }).press("Enter");
  await expect(dialog.getByLabel("Amount")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeFocused();
});

test("after adding a credit focus is on the new credit's row, Update leaves it on Edit, and Delete keeps it in the page", async ({ page }) => {
  test.slow(); // three dialogs and two reloads on a machine the other specs share
  await openStoreCredits(page);
  const memo = `Focus check ${Date.now()}`;
  await page.getByRole("main").getByRole("button", { name: "Add store credit" }).last().click();
  const dialog = page.getByRole("dialog", { name: "Add store credit" });
  await page.keyboard.type("3.50");
  await dialog.getByLabel("Currency").selectOption("USD");
  await dialog.getByLabel("Memo").fill(memo);
  await dialog.getByRole("button", { name: "Create" }).press("Enter");
  await expect(dialog).toBeHidden();

  const row = page.getByRole("table", { name: "Store credits" }).getByRole("row").filter({ hasText: memo });
  await expect(row).toBeFocused();
  await expect(page.locator("body")).not.toBeFocused();
  // The focused row has a ring; a row under the pointer is only tinted, so the two never look alike.
  await expect(row).toHaveCSS("outline-style", "solid");
  await page.getByRole("main").focus();
  await row.hover();
  await expect(row).not.toHaveCSS("outline-style", "solid");
  await row.focus();

  // Enter opens the credit; Edit opens on its first field; Update puts focus back on Edit.
  await page.keyboard.press("Enter");
  const credit = page.getByRole("region", { name: "Store credit", exact: true });
  const edit = credit.getByRole("button", { name: "Edit", exact: true });
  await edit.press("Enter");
  await expect(credit.getByLabel(/^Amount/)).toBeFocused();
  await credit.getByLabel("Memo").fill(`${memo}, edited`);
  await credit.getByRole("button", { name: "Update" }).press("Enter");
  await expect(credit.getByText(`${memo}, edited`)).toBeVisible();
  await expect(edit).toBeFocused();

  // Deleting takes the credit's Delete button away with it: focus lands in the page's main content, not the body.
  await credit.getByRole("group", { name: "Credit actions" }).getByRole("button", { name: "Delete", exact: true }).press("Enter");
  const confirm = page.getByRole("dialog", { name: "Delete store credit" });
  await expect(confirm.getByLabel("Reason")).toBeFocused();
  await confirm.getByLabel("Reason").selectOption({ index: 1 });
  await confirm.getByRole("button", { name: "Delete US$3.50" }).press("Enter");
  await expect(confirm).toBeHidden();
  await expect(credit.getByText("Deleted", { exact: true }).first()).toBeVisible();
  await expect(page.locator("body")).not.toBeFocused();
  expect(await page.evaluate(() => document.querySelector("main")?.contains(document.activeElement))).toBe(true);
});

test("Skip to content is the first Tab stop and lands on the main content", async ({ page }) => {
  await page.goto("/customers");
  await expect(page.getByRole("table", { name: "Customers" })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
  // The next Tab is inside the page, not back in the sidebar.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.querySelector("main")?.contains(document.activeElement))).toBe(true);
});
