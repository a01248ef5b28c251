import { type Page } from "@playwright/test";
import { demoStaff, expect, signInThroughUi, storageStateFor, test } from "./fixtures/roles";
import { E2E_PASSWORD, E2E_STAFF } from "./support/e2e-staff";

const SIGN_IN_URL = /\/sign-in(\?|$)/;

async function expectCustomersList(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/customers$/);
  await expect(page.getByRole("heading", { name: "Customers" })).toBeVisible();
  const table = page.getByRole("table", { name: "Customers" });
  // Only the identifying columns: this test is about access, not about the table's layout.
  await expect(table.getByRole("columnheader", { name: "Name" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Email" })).toBeVisible();
  // Row 0 is the header; a second row means customers were listed.
  await expect(table.getByRole("row").nth(1)).toBeVisible();
}

async function expectSignedOut(page: Page): Promise<void> {
  await page.goto("/customers");
  await expect(page).toHaveURL(SIGN_IN_URL);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
}

test.describe("signing in", () => {
  test("the admin signs in to the dashboard and opens the customers list from it", async ({ page, baseURL }) => {
    const admin = demoStaff("admin");
    await signInThroughUi(page, admin);

    await expect(page).toHaveURL(new URL("/", baseURL).href);
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await page.getByRole("main").getByRole("link", { name: "Customer list" }).click();
    await expectCustomersList(page);
    await expect(page.getByRole("banner")).toContainText(admin.name);
    await expect(page.getByRole("banner")).toContainText("Admin");
  });

  test("a wrong password shows an error and starts no session", async ({ page }) => {
    await signInThroughUi(page, { email: demoStaff("admin").email, password: "not-the-password" });

    await expect(
      page.getByRole("alert").filter({ hasText: "Wrong email or password, or the account is deactivated." }),
    ).toBeVisible();
    await expect(page).toHaveURL(SIGN_IN_URL);
    await expectSignedOut(page);
  });

  test("an empty form is refused in the browser, with its own message, before any request", async ({ page }) => {
    const authRequests: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/api/auth")) authRequests.push(request.url());
    });
    await page.goto("/sign-in");
    const email = page.getByLabel("Email");
    const password = page.getByLabel("Password");
    // Counted from here: loading the page may ask NextAuth for the session; signing in must not be tried.
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    authRequests.length = 0;

    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(email).toBeFocused();
    expect(await email.evaluate((input: HTMLInputElement) => input.validationMessage)).not.toBe("");
    await expect(page.locator("input:invalid")).toHaveCount(2);

    // With an email but no password the password is what the browser asks for.
    await email.fill(demoStaff("admin").email);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(password).toBeFocused();
    expect(await password.evaluate((input: HTMLInputElement) => input.validationMessage)).not.toBe("");

    await expect(page).toHaveURL(SIGN_IN_URL);
    await expect(page.getByRole("button", { name: "Signing in…" })).toHaveCount(0);
    expect(authRequests).toEqual([]);
  });

  test("the app has a favicon, served before signing in", async ({ page }) => {
    await page.goto("/sign-in");
    const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
    expect(href).toMatch(/^\/icon\.svg/);
    const icon = await page.request.get(href!);
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  });

  test("the support agent lands on Customers (no reports:read), does not see Staff and may not open it", async ({ page }) => {
    await signInThroughUi(page, demoStaff("support"));
    await expect(page).toHaveURL(/\/customers$/);

    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Customers" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Staff" })).toHaveCount(0);

    await page.goto("/staff");
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  });
});

test.describe("as the viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("the viewer sees the customers list", async ({ page }) => {
    await page.goto("/customers");

    await expectCustomersList(page);
    await expect(page.getByRole("banner")).toContainText("Viewer");
  });
});

test("signing out returns to sign-in and ends the session", async ({ page }) => {
  await signInThroughUi(page, { email: E2E_STAFF.signOut.email, password: E2E_PASSWORD });
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  // The dashboard's figures come from the client's query: once shown, the page (and its Sign out
  // button) is hydrated; the heading alone is server-rendered HTML a click can beat.
  await expect(page.getByText("Outstanding credit USD", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();

  await expect(page).toHaveURL(SIGN_IN_URL);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectSignedOut(page);
});

test("a session cookie copied before sign-out no longer works after it", async ({ page, browser }) => {
  await signInThroughUi(page, { email: E2E_STAFF.copiedCookie.email, password: E2E_PASSWORD });
  await expect(page.getByRole("heading", { name: "Customers" })).toBeVisible();
  const copy = await browser.newContext();
  try {
    await copy.addCookies(await page.context().cookies());
    const copied = await copy.newPage();
    expect((await copied.request.get("/api/trpc/staff.me")).status()).toBe(200);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(SIGN_IN_URL);

    expect((await copied.request.get("/api/trpc/staff.me")).status()).toBe(401);
    // Asking next-auth to renew it does not bring it back.
    expect(await (await copied.request.get("/api/auth/session")).json()).toMatchObject({ staff: null });
    await copied.goto("/customers");
    await expect(copied).toHaveURL(SIGN_IN_URL);
    await expect(copied.getByRole("button", { name: "Sign in" })).toBeVisible();
  } finally {
    await copy.close();
  }
});
