import { expect, storageStateFor, test } from "./fixtures/roles";

// The Viewer role moves no money, so changing its EUR limits cannot change another spec's outcome.
test.describe("money limits as an admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("sets a role's limits in a currency, with errors under the fields and No limit, then removes them", async ({ page }) => {
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "Money limits" });
    const row = section.getByRole("row").filter({ has: page.getByRole("cell", { name: "Viewer", exact: true }) }).filter({ hasText: "EUR" });
    await expect(row).toContainText("No limits set: every amount needs approval");
    await expect(section.getByRole("cell", { name: "Admin", exact: true })).toHaveCount(0);

    await row.getByRole("button", { name: "Edit Viewer EUR limits" }).click();
    const dialog = page.getByRole("dialog", { name: "Viewer limits in EUR" });
    await dialog.getByLabel("Largest single credit", { exact: true }).fill("1.234");
    await dialog.getByRole("button", { name: "Save limits" }).click();
    await expect(dialog.getByText("Use at most 2 decimals for EUR")).toBeVisible();
    await expect(dialog.getByText("Enter an amount")).toHaveCount(4);

    await dialog.getByLabel("Largest single credit", { exact: true }).fill("25");
    await dialog.getByLabel("Credits per 24 hours", { exact: true }).fill("1,000");
    for (const label of ["Largest single refund", "Largest set-balance change", "Refunds per 24 hours"]) {
      await dialog.getByRole("checkbox", { name: `No limit: ${label}` }).check();
      await expect(dialog.getByLabel(label, { exact: true })).toBeDisabled();
    }
    await dialog.getByRole("button", { name: "Save limits" }).click();
    await expect(page.getByText("Saved Viewer’s EUR limits")).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(row.getByRole("cell")).toHaveText(["Viewer", "EUR", "€25.00", "No limit", "No limit", "€1,000.00", "No limit", "Edit Viewer EUR limits"]);

    await row.getByRole("button", { name: "Edit Viewer EUR limits" }).click();
    await expect(dialog.getByLabel("Largest single credit", { exact: true })).toHaveValue("25.00");
    await expect(dialog.getByRole("checkbox", { name: "No limit: Largest single refund" })).toBeChecked();
    await dialog.getByRole("button", { name: "Remove limits for this currency" }).click();
    const confirm = page.getByRole("dialog", { name: "Remove Viewer limits in EUR?" });
    await expect(confirm).toContainText("every EUR amount a Viewer staff member adds, refunds or sets needs a manager’s approval");
    await confirm.getByRole("button", { name: "Remove limits", exact: true }).click();
    await expect(page.getByText("Removed Viewer’s EUR limits")).toBeVisible();
    await expect(row).toContainText("No limits set: every amount needs approval");
  });
});
