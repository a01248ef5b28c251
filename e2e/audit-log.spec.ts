// The Audit log page: entries filtered by area, action and target through the URL, exported as CSV.
import { expect, storageStateFor, test } from "./fixtures/roles";

// Reading the log needs audit:read, which the viewer role has; every run's sign-ins are entries.
test.use({ storageState: storageStateFor("viewer") });

test("filters the log by area, action and target in the URL and exports what the filters select", async ({ page }) => {
  await page.goto("/customers");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const table = page.getByRole("table", { name: "Audit entries" });
  await expect(table.locator("tbody tr").first()).toBeVisible();

  await page.getByLabel("Area").selectOption({ label: "Sign-in and sign-out" });
  await expect(page).toHaveURL(/[?&]area=auth/);
  await page.getByLabel("Action").selectOption("auth.sign_in");
  await expect(page).toHaveURL(/[?&]action=auth\.sign_in/);
  const rows = table.locator("tbody tr");
  await expect(rows.first()).toContainText("auth.sign_in");
  await expect(rows.filter({ hasNotText: "auth.sign_in" })).toHaveCount(0);

  await page.reload();
  await expect(page.getByLabel("Action")).toHaveValue("auth.sign_in");

  // A target's id in the list filters by that target: its type and id land in the URL and fields.
  const targetButton = rows.first().getByRole("button", { name: /^Entries for / });
  const targetId = (await targetButton.textContent())!.trim();
  await targetButton.click();
  await expect(page).toHaveURL(new RegExp(`[?&]target=${targetId}`));
  await expect(page.getByLabel("Target id")).toHaveValue(targetId);
  await expect(rows.filter({ hasNotText: targetId })).toHaveCount(0);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  expect((await download).suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  await expect(page.getByText(/^Exported \d+ audit entries$/)).toBeVisible();

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).not.toHaveURL(/[?&](area|action|target)=/);
});
