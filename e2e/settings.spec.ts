import { expect, storageStateFor, test } from "./fixtures/roles";

test.describe("as an admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("adds a credit category, renames it and deactivates it", async ({ page }) => {
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "Credit categories" });
    const list = section.getByRole("list", { name: "Credit categories" });
    await expect(list.getByRole("listitem").filter({ hasText: "Goodwill" })).toBeVisible();

    await section.getByLabel("New category name").fill("Birthday gift");
    await section.getByRole("button", { name: "Add category" }).click();
    await expect(page.getByText("Category “Birthday gift” added")).toBeVisible();
    const added = list.getByRole("listitem").filter({ hasText: "Birthday gift" });
    await expect(added.getByText("Active", { exact: true })).toBeVisible();
    await expect(section.getByLabel("New category name")).toHaveValue("");

    // A second one with the same name is refused beside the input.
    await section.getByLabel("New category name").fill("birthday GIFT");
    await section.getByRole("button", { name: "Add category" }).click();
    await expect(section.getByText("A category with this name already exists")).toBeVisible();

    await section.getByRole("button", { name: "Rename Birthday gift", exact: true }).click();
    await section.getByLabel("New name for Birthday gift").fill("Birthday reward");
    await section.getByRole("button", { name: "Save name" }).click();
    const renamed = list.getByRole("listitem").filter({ hasText: "Birthday reward" });
    await expect(renamed.getByText("Active", { exact: true })).toBeVisible();
    await expect(list.getByRole("listitem").filter({ hasText: "Birthday gift" })).toHaveCount(0);

    await section.getByRole("button", { name: "Deactivate Birthday reward", exact: true }).click();
    await expect(renamed.getByText("Inactive", { exact: true })).toBeVisible();
    await expect(section.getByRole("button", { name: "Activate Birthday reward", exact: true })).toBeVisible();
  });
});

test.describe("as a support agent", () => {
  test.use({ storageState: storageStateFor("support") });

  test("is not allowed on the settings page", async ({ page }) => {
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" })).toHaveCount(0);
  });
});
