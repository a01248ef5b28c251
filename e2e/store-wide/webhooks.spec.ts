// A webhook endpoint receives every subscribed event of the whole store, so this spec runs in the
// "store-wide" project, after the other specs (playwright.config.ts), and deletes its endpoint at
// the end. The receiver is a real HTTP server on 127.0.0.1 (the e2e server runs with
// WEBHOOKS_ALLOW_PRIVATE=1, e2e/support/test-run.ts). Runs alone too:
// `npx playwright test --project=store-wide --no-deps e2e/store-wide/webhooks.spec.ts`.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startWebhookReceiver, type WebhookReceiver } from "../../tests/helpers/webhook-receiver";
import { demoStaff, expect, signInThroughUi, test } from "../fixtures/roles";
import { addUsdCredit, openProfile } from "../support/customer-profile";
import { distinctCustomer } from "../support/demo-customers";

const customer = distinctCustomer(11);

test.describe.configure({ mode: "serial" });

test.describe("Settings > Webhooks, as the admin", () => {
  let page: Page;
  let receiver: WebhookReceiver;
  test.beforeAll(async ({ browser, baseURL }) => {
    // The first try of every event is refused, so the page shows a retry before the delivery.
    receiver = await startWebhookReceiver([], ({ tryNumber }) => (tryNumber === 1 ? 500 : 200));
    page = await (await browser.newContext()).newPage();
    await signInThroughUi(page, demoStaff("admin"));
    await expect(page).toHaveURL(new URL("/", baseURL).href);
  });
  test.afterAll(async () => {
    await page?.context().close();
    await receiver?.close();
  });

  test("adds an endpoint, sees a credit's delivery with its answer, resends it and deletes the endpoint", async () => {
    // Page loads, a credit, a retry 10 s after the first try, and a resend.
    test.slow();
    await page.goto("/settings");
    await page.getByRole("link", { name: "Manage webhook endpoints" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();

    await page.getByLabel("Endpoint URL").fill(receiver.url);
    await page.getByLabel("Description").fill("e2e receiver");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByText("Choose at least one event")).toBeVisible();
    await page.getByRole("checkbox", { name: /^credit\.issued / }).check();
    await page.getByRole("button", { name: "Add endpoint" }).click();

    await expect(page).toHaveURL(/\/settings\/webhooks\/[0-9a-f-]{36}$/);
    const endpointUrl = page.url();
    await expect(page.getByLabel("Endpoint URL")).toHaveValue(receiver.url);
    await page.getByRole("button", { name: "Show secret" }).click();
    const secret = (await page.getByLabel("Signing secret").innerText()).trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{20,}$/);

    await openProfile(page, customer);
    await addUsdCredit(page, "4.00");

    // This customer's credit (the other store-wide spec issues credits too): its event, refused once, then delivered.
    const issued = () =>
      receiver.received.filter((request) => {
        const payload = JSON.parse(request.body) as { type: string; data: { amount_minor?: string; currency?: string } };
        return payload.type === "credit.issued" && payload.data.amount_minor === "400" && payload.data.currency === "USD";
      });
    await expect.poll(() => issued().map((request) => request.answered), { timeout: 45_000 }).toEqual([500, 200]);
    const messageId = issued()[0]!.headers["webhook-id"]!;
    for (const request of issued()) {
      expect(request.headers["webhook-id"]).toBe(messageId);
      expect(new Webhook(secret).verify(request.body, request.headers)).toMatchObject({ type: "credit.issued", data: { amount_minor: "400", currency: "USD" } });
    }

    // The deep link shows the delivery with its answer and its two tries.
    await page.goto(endpointUrl);
    const row = page.getByRole("table", { name: "Deliveries" }).getByRole("row").filter({ hasText: messageId });
    await expect(row).toContainText("Delivered");
    await expect(row).toContainText("200");
    await expect(row.getByRole("cell").nth(3)).toHaveText("2");
    // The endpoint page with a delivery has no WCAG 2.1 A/AA violation axe-core can find.
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);

    await row.getByRole("button", { name: `Resend credit.issued event ${messageId}` }).click();
    await expect(page.getByText("Queued to be sent again with the same webhook-id")).toBeVisible();
    await expect.poll(() => receiver.received.filter((request) => request.headers["webhook-id"] === messageId).length, { timeout: 20_000 }).toBe(3);

    await page.getByRole("button", { name: "Delete endpoint" }).click();
    await page.getByRole("dialog", { name: "Delete this endpoint?" }).getByRole("button", { name: "Yes, delete endpoint" }).click();
    await expect(page).toHaveURL(/\/settings\/webhooks$/);
    await expect(page.getByRole("table", { name: "Webhook endpoints" }).getByText(receiver.url)).toHaveCount(0);
  });
});
