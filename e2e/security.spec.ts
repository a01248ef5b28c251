import { demoStaff, expect, signInThroughUi, storageStateFor, test } from "./fixtures/roles";
import { distinctCustomer } from "./support/demo-customers";

const customer = distinctCustomer(7);

function expectSecurityHeaders(headers: Record<string, string>) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic';/);
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers).toMatchObject({
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
  });
  expect(headers).not.toHaveProperty("x-powered-by");
  // Served over plain http here: no HSTS.
  expect(headers).not.toHaveProperty("strict-transport-security");
}

test.describe("security headers", () => {
  test("are on a page, the sign-in page, a redirect and an API answer", async ({ request }) => {
    const signIn = await request.get("/sign-in");
    expect(signIn.status()).toBe(200);
    expectSecurityHeaders(signIn.headers());

    const redirect = await request.get("/customers", { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expectSecurityHeaders(redirect.headers());

    const api = await request.get("/api/trpc/staff.me");
    expect(api.status()).toBe(401);
    expectSecurityHeaders(api.headers());

    expectSecurityHeaders((await request.get("/api/auth/session")).headers());
  });

  test("each page gets its own nonce", async ({ request }) => {
    const nonceOf = async () => /'nonce-([^']+)'/.exec((await request.get("/sign-in")).headers()["content-security-policy"] ?? "")?.[1];
    const [first, second] = [await nonceOf(), await nonceOf()];
    expect(first).toBeTruthy();
    expect(first).not.toBe(second);
  });
});

test.describe("as the viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("the app works under the policy: no violations while opening a customer", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on("pageerror", (error) => violations.push(error.message));

    const response = await page.goto(`/customers?q=${encodeURIComponent(customer.lastName)}`);
    expectSecurityHeaders(await response!.allHeaders());
    await page.getByRole("table", { name: "Customers" }).getByRole("row", { name: customer.fullName }).click();
    await expect(page.getByRole("heading", { name: customer.fullName })).toBeVisible();
    // A client-side navigation: the scripts the nonce let in keep working.
    await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Credit history" }).click();
    await expect(page).toHaveURL(/\/credit-history$/);

    expect(violations).toEqual([]);
  });

  test("signed in, the sign-in page does not redirect to another host", async ({ page }) => {
    for (const callbackUrl of ["/\\evil.example", "/\\/evil.example", "/\t/evil.example"]) {
      const response = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`, { maxRedirects: 0 });
      expect(response.status()).toBe(307);
      expect(response.headers().location).toBe("/");
    }
    const kept = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent("/refunds?status=PENDING")}`, { maxRedirects: 0 });
    expect(kept.headers().location).toBe("/refunds?status=PENDING");
  });
});

test("signed out, sign-in leads to the app, not to a host in the callback", async ({ page, baseURL }) => {
  const viewer = demoStaff("viewer");
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/\\evil.example")}`);
  await page.getByLabel("Email").fill(viewer.email);
  await page.getByLabel("Password").fill(viewer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new URL("/", baseURL).href);
});

test("after 5 wrong passwords the sign-in page says when to try again", async ({ page }) => {
  // An email no staff member has: locking it out affects no other test.
  const email = `locked-${Date.now()}@creditdesk.test`;
  const message = page.getByRole("alert").filter({ hasText: /\w/ });
  for (let attempt = 0; attempt < 5; attempt++) {
    await signInThroughUi(page, { email, password: "not-the-password" });
    await expect(message).toHaveText("Wrong email or password, or the account is deactivated.");
  }
  await signInThroughUi(page, { email, password: "not-the-password" });
  await expect(message).toHaveText("Too many attempts; try again in 15 minutes.");
});
