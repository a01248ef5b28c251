// Guide 000 "Send credits", step by step, as the admin; and who may not send.
import { demoCustomer } from "../prisma/seed/demo-customers";
import { DEMO_CUSTOMER_COUNT } from "../scripts/lib/demo-size";
import { expect, storageStateFor, test } from "./fixtures/roles";
import { distinctCustomer } from "./support/demo-customers";

// The demo seed is deterministic, so the test knows who is in the database. Counting from the end
// keeps this receiver apart from the customers other specs pick from the start.
const SEED_DATE = new Date(Date.UTC(2026, 10, 1));
const everyone = Array.from({ length: DEMO_CUSTOMER_COUNT }, (_, i) => demoCustomer(i, SEED_DATE));
// Receivers whose last name appears in no one else's name or email, so a search for it finds one.
const searchText = (c: (typeof everyone)[number]) => `${c.firstName} ${c.lastName} ${c.email}`.toLowerCase();
const candidates = everyone.filter(
  (c) =>
    /^[A-Za-z]{6,}$/.test(c.lastName) &&
    /^[A-Za-z]+$/.test(c.firstName) &&
    everyone.filter((o) => searchText(o).includes(c.lastName.toLowerCase())).length === 1,
);
const receiver = candidates.at(-1)!;
const deepLinked = candidates.at(-2)!;
const fullName = (c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`;

test.describe("as an admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("sends credits to a customer found by name and sees them at the top of the credit history", async ({ page }) => {
    // 1. Open the page from the admin menu: User actions > Send credits.
    await page.goto("/customers");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByText("User actions")).toBeVisible();
    await nav.getByRole("link", { name: "Send credits" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Send credits" })).toBeVisible();
    await expect(page.getByText(/without a storefront purchase/)).toBeVisible();

    // 2. The form is on the page, no click to open it; every field has a one-line hint.
    const form = page.getByRole("region", { name: "Send credits" });
    await expect(form.getByText("Fields marked * are required.")).toBeVisible();
    for (const label of ["Receiver user", "Credit amount", "Payment infrastructure", "Payment method", "Earning amount", "Count as real revenue"]) {
      await expect(form.getByLabel(label)).toHaveAccessibleDescription(/\w/);
    }

    // 3. Required fields first. Receiver user: type part of the name, pick the match.
    const receiverBox = form.getByRole("combobox", { name: "Receiver user" });
    await receiverBox.fill(receiver.lastName);
    await expect(receiverBox).toHaveAttribute("aria-expanded", "true");
    await form.getByRole("option", { name: fullName(receiver) }).click();
    await expect(form.getByLabel("Receiver user")).toContainText(fullName(receiver));
    await expect(form.getByLabel("Receiver user")).toContainText(receiver.email);

    await form.getByLabel("Credit amount").fill("37.25");
    await expect(form.getByLabel("Currency")).toHaveValue("USD");
    await form.getByLabel("Payment infrastructure").selectOption({ label: "Bank transfer" });
    await form.getByLabel("Payment method").selectOption({ label: "Wire transfer" });
    await form.getByLabel("Earning amount").fill("30");
    // The guide's "Real person earning option": on by default; off for this test payment.
    const revenue = form.getByLabel("Count as real revenue");
    await expect(revenue).toBeChecked();
    await revenue.uncheck();

    // 5. Save and wait for the success message.
    await form.getByRole("button", { name: "Send credits" }).click();
    await expect(form.getByRole("heading", { name: "Credits sent" })).toBeVisible();
    await expect(form.getByRole("status").filter({ hasText: "Credits sent" })).toContainText(`US$37.25 to ${fullName(receiver)}`);
    await expect(form.getByText("Fields marked * are required.")).toHaveCount(0);

    // 6. Check the customer's credit history: the new credit is the newest entry.
    await form.getByRole("link", { name: "Open credit history" }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${receiver.id}/credit-history$`));
    const newest = page.getByRole("table", { name: "Credit history" }).getByRole("row").nth(1);
    await expect(newest).toContainText("Issued");
    await expect(newest).toContainText("US$37.25");
  });

  test("refuses what the server would refuse, with the message beside the field", async ({ page }) => {
    await page.goto("/credits/send");
    const form = page.getByRole("region", { name: "Send credits" });
    await form.getByRole("button", { name: "Send credits" }).click();
    await expect(form.getByText("Choose the receiving customer")).toBeVisible();
    await expect(form.getByText("Enter an amount", { exact: true })).toBeVisible();
    // A zero earning records no payment, so infrastructure and method are not asked for.
    await expect(form.getByLabel("Payment infrastructure")).not.toHaveAttribute("aria-required", "true");
    await expect(form.getByText(/^Choose a payment (infrastructure|method)/)).toHaveCount(0);
    // Above 0 they are.
    await form.getByLabel("Earning amount").fill("5");
    await expect(form.getByLabel("Payment infrastructure")).toHaveAttribute("aria-required", "true");
    await form.getByRole("button", { name: "Send credits" }).click();
    await expect(form.getByText("Choose a payment infrastructure: an earning above 0 is recorded as a payment")).toBeVisible();
    await expect(form.getByText("Choose a payment method: an earning above 0 is recorded as a payment")).toBeVisible();

    await form.getByLabel("Currency").selectOption("JPY");
    await form.getByLabel("Credit amount").fill("1.5");
    await expect(form.getByText("JPY has no decimals; enter a whole amount")).toBeVisible();
    await expect(form.getByLabel("Credit amount")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByRole("heading", { name: "Credits sent" })).toHaveCount(0);
  });

  test("a deep link opens the form with the receiver chosen; the picker works from the keyboard", async ({ page }) => {
    await page.goto(`/credits/send?customerId=${deepLinked.id}`);
    const form = page.getByRole("region", { name: "Send credits" });
    await expect(form.getByLabel("Receiver user")).toContainText(deepLinked.email);

    await form.getByRole("button", { name: "Change receiver" }).click();
    const receiverBox = form.getByRole("combobox", { name: "Receiver user" });
    await expect(receiverBox).toBeFocused();
    await receiverBox.fill(receiver.lastName);
    const match = form.getByRole("option", { name: fullName(receiver) });
    await expect(match).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Escape");
    await expect(receiverBox).toHaveAttribute("aria-expanded", "false");
    await page.keyboard.press("ArrowDown");
    await expect(match).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Enter");
    await expect(form.getByLabel("Receiver user")).toContainText(receiver.email);
  });

  test("sends credits with a zero earning and no payment infrastructure or method", async ({ page }) => {
    const giftee = distinctCustomer(29);
    await page.goto(`/credits/send?customerId=${giftee.id}`);
    const form = page.getByRole("region", { name: "Send credits" });
    await expect(form.getByLabel("Receiver user")).toContainText(giftee.email);
    await form.getByLabel("Credit amount").fill("4.10");
    await expect(form.getByLabel("Earning amount")).toHaveValue("0");
    await form.getByRole("button", { name: "Send credits" }).click();
    const outcome = form.getByRole("status").filter({ hasText: "Credits sent" });
    await expect(outcome).toContainText(`US$4.10 to ${giftee.fullName}`);
    await expect(outcome).toContainText("None recorded");
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("does not see Send credits in the menu and is not allowed on the page", async ({ page }) => {
    await page.goto("/customers");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Customers" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Send credits" })).toHaveCount(0);

    await page.goto("/credits/send");
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Send credits" })).toHaveCount(0);
  });
});
