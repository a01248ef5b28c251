// Signs in once per role through the real form and saves the session for the other projects.
import { expect, test as setup } from "@playwright/test";
import { ROLES, demoStaff, signInThroughUi, storageStateFor } from "../fixtures/roles";

for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page, baseURL }) => {
    await signInThroughUi(page, demoStaff(role));
    // Sign-in lands on the dashboard; a role without reports:read is sent on to Customers.
    await expect(page).toHaveURL(new URL(role === "support" ? "/customers" : "/", baseURL).href);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await page.context().storageState({ path: storageStateFor(role) });
  });
}
