// Signs in once per role through the real form and saves the session for the other projects.
import { expect, test as setup } from "@playwright/test";
import { ROLES, demoStaff, signInThroughUi, storageStateFor } from "../fixtures/roles";

for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signInThroughUi(page, demoStaff(role));
    await expect(page).toHaveURL(/\/customers$/);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await page.context().storageState({ path: storageStateFor(role) });
  });
}
