import { randomBytes } from "node:crypto";
import { expect, signInThroughUi, storageStateFor, test } from "./fixtures/roles";

test.use({ storageState: storageStateFor("admin") });

const NEW_PASSWORD = "my-own-new-password";

test("an admin adds a staff member, who sets a password through the link and signs in; deactivated, their next click lands on sign-in", async ({
  page,
  browser,
}) => {
  const suffix = randomBytes(4).toString("hex");
  const member = { name: `Nia New ${suffix}`, email: `e2e-new-${suffix}@creditdesk.test` };

  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/staff");
  await page.getByRole("button", { name: "Add staff member" }).click();
  const add = page.getByRole("dialog", { name: "Add staff member" });
  await add.getByLabel("Name").fill(member.name);
  await add.getByLabel("Email").fill(member.email);
  await add.getByLabel("Role").selectOption({ label: "Support agent" });
  await add.getByRole("button", { name: "Add and get link" }).click();

  const shown = page.getByRole("dialog", { name: "Set-password link" });
  await expect(shown).toContainText(`Give this link to ${member.name}. It is shown only this once.`);
  await expect(shown).toContainText("Valid 24 hours");
  const linkField = shown.getByLabel("One-time link");
  await expect(linkField).toHaveValue(/\/set-password\/[A-Za-z0-9_-]{43}$/);
  const link = await linkField.inputValue();
  await shown.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Link copied")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(shown).toBeHidden();

  // The member, in a browser of their own with no session.
  const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const memberPage = await theirs.newPage();
    await memberPage.goto(new URL(link).pathname);
    await expect(memberPage.getByRole("heading", { name: "Set your password" })).toBeVisible();
    await expect(memberPage.getByText(`For ${member.name} (${member.email}).`)).toBeVisible();
    await memberPage.getByLabel("New password").fill(NEW_PASSWORD);
    await memberPage.getByLabel("Confirm password").fill(NEW_PASSWORD);
    await memberPage.getByRole("button", { name: "Set password" }).click();

    await expect(memberPage).toHaveURL(/\/sign-in\?notice=password-set$/);
    await expect(memberPage.getByRole("status").filter({ hasText: "Your password is set." })).toBeVisible();
    await signInThroughUi(memberPage, { email: member.email, password: NEW_PASSWORD });
    await expect(memberPage).toHaveURL(/\/customers$/);
    await expect(memberPage.getByRole("banner")).toContainText(member.name);

    // The link worked once.
    await memberPage.goto(new URL(link).pathname);
    await expect(memberPage.getByRole("alert").filter({ hasText: "This link is no longer valid. Ask an admin for a new one." })).toBeVisible();
    await memberPage.goto("/customers");

    // The admin finds them with the search (kept in the URL) and deactivates them.
    await page.getByLabel("Search staff").fill(member.email);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(member.email)}`));
    const table = page.getByRole("table", { name: "Staff" });
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table.getByRole("row").nth(1)).toContainText("Support agent");
    await page.getByRole("button", { name: `Actions for ${member.name}` }).click();
    await page.getByRole("menuitem", { name: "Deactivate" }).click();
    await page.getByRole("dialog", { name: `Deactivate ${member.name}` }).getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByText(`Deactivated ${member.name}`)).toBeVisible();
    await expect(table.getByRole("row").nth(1)).toContainText("Deactivated");
    await page.getByLabel("Status").selectOption({ label: "Active" });
    await expect(page).toHaveURL(/[?&]status=active/);
    await expect(page.getByText("No staff members match these filters")).toBeVisible();

    await memberPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Refunds" }).click();
    await expect(memberPage).toHaveURL(/\/sign-in(\?|$)/);
    await expect(memberPage.getByRole("button", { name: "Sign in" })).toBeVisible();
  } finally {
    await theirs.close();
  }
});
