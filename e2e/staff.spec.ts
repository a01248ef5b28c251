import { randomBytes } from "node:crypto";
import { type Page } from "@playwright/test";
import { expect, signInThroughUi, storageStateFor, test } from "./fixtures/roles";

test.use({ storageState: storageStateFor("admin") });

const NEW_PASSWORD = "my-own-new-password";

const newMember = () => {
  const suffix = randomBytes(4).toString("hex");
  return { name: `Nia New ${suffix}`, email: `e2e-new-${suffix}@creditdesk.test` };
};

/** Adds the member through the dialog and returns the one-time link it shows, closing it. */
async function addThroughDialog(page: Page, member: { name: string; email: string }): Promise<string> {
  await page.goto("/staff");
  await page.getByRole("button", { name: "Add staff member" }).click();
  const add = page.getByRole("dialog", { name: "Add staff member" });
  await add.getByLabel("Name").fill(member.name);
  await add.getByLabel("Email").fill(member.email);
  await add.getByLabel("Role").selectOption({ label: "Support agent" });
  await add.getByRole("button", { name: "Add and get link" }).click();
  const shown = page.getByRole("dialog", { name: "Set-password link" });
  const linkField = shown.getByLabel("One-time link");
  await expect(linkField).toHaveValue(/\/set-password\/[A-Za-z0-9_-]{43}$/);
  return linkField.inputValue();
}

test("an admin adds a staff member, who sets a password through the link and signs in; deactivated, their next click lands on sign-in", async ({
  page,
  browser,
}) => {
  const member = newMember();
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const link = await addThroughDialog(page, member);

  const shown = page.getByRole("dialog", { name: "Set-password link" });
  await expect(shown).toContainText(`Give this link to ${member.name}. It is shown only this once.`);
  await expect(shown).toContainText("Valid 24 hours");
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
    // They start adding credit on a customer's profile: the dialog is open when they lose access.
    await memberPage.goto("/customers");
    await memberPage.getByRole("table", { name: "Customers" }).getByRole("row").nth(1).click();
    await expect(memberPage).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
    await memberPage.getByRole("button", { name: "More actions" }).click();
    await memberPage.getByRole("menuitem", { name: "Add store credit" }).click();
    const addCredit = memberPage.getByRole("dialog", { name: "Add store credit" });
    await addCredit.getByLabel("Amount").fill("5.00");

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

    // A click that only calls the server (no page to load) lands on sign-in too, coming back here after.
    await addCredit.getByRole("button", { name: "Create" }).click();
    await expect(memberPage).toHaveURL(/\/sign-in\?callbackUrl=%2Fcustomers%2F[0-9a-f-]{36}$/);
    await expect(memberPage.getByRole("button", { name: "Sign in" })).toBeVisible();
    await memberPage.goto("/refunds");
    await expect(memberPage).toHaveURL(/\/sign-in(\?|$)/);
  } finally {
    await theirs.close();
  }
});

test("reset password shows a new link and the first stops working; change role and the role filter", async ({ page, browser }) => {
  const member = newMember();
  const first = await addThroughDialog(page, member);
  await page.getByRole("dialog", { name: "Set-password link" }).getByRole("button", { name: "Done" }).click();

  await page.getByRole("button", { name: `Actions for ${member.name}` }).click();
  await page.getByRole("menuitem", { name: "Reset password" }).click();
  await page.getByRole("dialog", { name: `Reset password for ${member.name}` }).getByRole("button", { name: "Reset password" }).click();
  await expect(page.getByText(`Password reset for ${member.name}`)).toBeVisible();
  const second = await page.getByRole("dialog", { name: "Set-password link" }).getByLabel("One-time link").inputValue();
  expect(second).not.toBe(first);
  await page.getByRole("dialog", { name: "Set-password link" }).getByRole("button", { name: "Done" }).click();

  const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const memberPage = await theirs.newPage();
    await memberPage.goto(new URL(first).pathname);
    await expect(memberPage.getByRole("alert").filter({ hasText: "This link is no longer valid. Ask an admin for a new one." })).toBeVisible();
    await memberPage.goto(new URL(second).pathname);
    await expect(memberPage.getByLabel("New password")).toBeVisible();
  } finally {
    await theirs.close();
  }

  await page.getByRole("button", { name: `Actions for ${member.name}` }).click();
  await page.getByRole("menuitem", { name: "Change role" }).click();
  const change = page.getByRole("dialog", { name: `Change role of ${member.name}` });
  await change.getByLabel("Role").selectOption({ label: "Viewer" });
  await change.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByText(`${member.name} is now Viewer`)).toBeVisible();

  await page.getByLabel("Search staff").fill(member.email);
  await page.getByRole("group", { name: "Filters" }).getByLabel("Role").selectOption({ label: "Viewer" });
  await expect(page).toHaveURL(/[?&]role=VIEWER/);
  const table = page.getByRole("table", { name: "Staff" });
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row").nth(1)).toContainText("Viewer");
  await page.reload();
  await expect(page.getByLabel("Search staff")).toHaveValue(member.email);
  await expect(table.getByRole("row").nth(1)).toContainText(member.name);
});
