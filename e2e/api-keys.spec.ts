import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, storageStateFor, test } from "./fixtures/roles";
import { distinctCustomer } from "./support/demo-customers";

// distinctCustomer slots 5 and 6 belong to the Storefront API specs.
const customer = distinctCustomer(5);

test.use({ storageState: storageStateFor("admin") });

test("an admin creates an API key in Settings, copies its secret the one time it is shown, sees it used, and revokes it", async ({ page }) => {
  test.slow();
  const name = `Shop checkout ${randomUUID().slice(0, 6)}`;
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/customers");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();

  await page.getByRole("button", { name: "New API key" }).click();
  const dialog = page.getByRole("dialog", { name: "New API key" });
  await dialog.getByRole("button", { name: "Create API key" }).click();
  await expect(dialog.getByText("Enter a name")).toBeVisible();
  await dialog.getByLabel("Name").fill(name);
  for (const scope of ["customers:read", "balances:read", "credits:issue"]) await dialog.getByRole("checkbox", { name: new RegExp(`${scope}$`) }).check();
  await dialog.getByRole("button", { name: "Create API key" }).click();

  const shown = page.getByRole("dialog", { name: `API key “${name}”` });
  await expect(shown).toContainText("it is shown only this once");
  const secretField = shown.getByLabel("Secret key");
  await expect(secretField).toHaveValue(/^cd_live_[A-Za-z0-9_-]{32}$/);
  const secret = await secretField.inputValue();
  await shown.getByRole("button", { name: "Copy key" }).click();
  await expect(page.getByText("API key copied")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(shown).toBeHidden();

  const row = page.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(`${secret.slice(0, 16)}…`);
  await expect(row).toContainText("credits:issue");
  await expect(row).toContainText("Never");
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Avery Admin");
  // Shown once: nowhere on the page any more, not even after a reload.
  await page.reload();
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // The key works: find the customer by email and give them credit; the history names the key.
  const auth = { Authorization: `Bearer ${secret}` };
  const found = await page.request.get(`/api/v1/customers/by-email/${encodeURIComponent(customer.email)}`, { headers: auth });
  expect(found.status()).toBe(200);
  const { id } = (await found.json()) as { id: string };
  const issued = await page.request.post(`/api/v1/customers/${id}/credits`, {
    headers: { ...auth, "Idempotency-Key": randomUUID() },
    data: { amount: "7.25", currency: "USD", memo: "e2e api key" },
  });
  expect(issued.status()).toBe(201);
  await page.reload();
  await expect(row).not.toContainText("Never");
  await page.goto(`/customers/${id}/credit-history`);
  await expect(page.getByText(`API key “${name}”`).first()).toBeVisible();

  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: `Revoke ${name}`, exact: true }).click();
  const confirm = page.getByRole("dialog", { name: `Revoke API key “${name}”?` });
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText(`API key “${name}” revoked`)).toBeVisible();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("Revoked");
  await expect(page.getByRole("button", { name: `Revoke ${name}`, exact: true })).toHaveCount(0);
  const refused = await page.request.get(`/api/v1/customers/${id}`, { headers: auth });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: { code: "UNAUTHORIZED", message: "This API key was revoked", field: "Authorization" } });
});

test("the API reference lists every route of the OpenAPI document", async ({ page }) => {
  const document = (await (await page.request.get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "Creditdesk Storefront API", level: 1 })).toBeVisible();
  const routes = page.getByRole("navigation", { name: "Routes" });
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of Object.keys(item)) await expect(routes.getByRole("link", { name: new RegExp(`^${method} ${path.replace(/[{}]/g, "\\$&")}$`, "i") })).toBeVisible();
  }
});

test("the API keys page and the API reference have no WCAG 2.1 AA violation axe-core finds", async ({ page }) => {
  for (const [path, heading] of [["/settings/api-keys", "API keys"], ["/api-docs", "Creditdesk Storefront API"]] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    await expect(page.locator('[role="status"][aria-label^="Loading"]')).toHaveCount(0);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), path).toEqual([]);
  }
});
