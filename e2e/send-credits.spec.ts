// Guide 000 "Send credits", step by step, as the admin; and who may not send.
import { demoCustomer } from "../prisma/seed/demo-customers";
import { DEMO_CUSTOMER_COUNT } from "../scripts/lib/prepare-database";
import { expect, storageStateFor, test } from "./fixtures/roles";

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

    // 2. Click the send action: the form opens in a drawer.
    await page.getByRole("button", { name: "Send credits" }).click();
    const drawer = page.getByRole("dialog", { name: "Send credits" });

    // 3. Required fields first. Receiver user: type part of the name, pick the match.
    const receiverBox = drawer.getByRole("combobox", { name: "Receiver user" });
    await receiverBox.fill(receiver.lastName);
    await expect(receiverBox).toHaveAttribute("aria-expanded", "true");
    await drawer.getByRole("option", { name: fullName(receiver) }).click();
    await expect(drawer.getByLabel("Receiver user")).toContainText(fullName(receiver));
    await expect(drawer.getByLabel("Receiver user")).toContainText(receiver.email);

    await drawer.getByLabel("Credit amount").fill("37.25");
    await expect(drawer.getByLabel("Currency")).toHaveValue("USD");
    await drawer.getByLabel("Payment infrastructure").selectOption({ label: "Bank transfer" });
    await drawer.getByLabel("Payment method").selectOption({ label: "Wire transfer" });
    await drawer.getByLabel("Earning amount").fill("30");
    // The guide's "Real person earning option": on by default; off for this test payment.
    const revenue = drawer.getByLabel("Count as real revenue");
    await expect(revenue).toBeChecked();
    await revenue.uncheck();

    // 5. Save and wait for the success message.
    await drawer.getByRole("button", { name: "Send credits" }).click();
    await expect(drawer.getByRole("heading", { name: "Credits sent" })).toBeVisible();
    await expect(drawer.getByRole("status").filter({ hasText: "Credits sent" })).toContainText(`US$37.25 to ${fullName(receiver)}`);

    // 6. Check the customer's credit history: the new credit is the newest entry.
    await drawer.getByRole("link", { name: "Open credit history" }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${receiver.id}/credit-history$`));
    const newest = page.getByRole("table", { name: "Credit history" }).getByRole("row").nth(1);
    await expect(newest).toContainText("Issued");
    await expect(newest).toContainText("US$37.25");
  });

  test("refuses what the server would refuse, with the message beside the field", async ({ page }) => {
    await page.goto("/credits/send");
    await page.getByRole("button", { name: "Send credits" }).click();
    const drawer = page.getByRole("dialog", { name: "Send credits" });
    await drawer.getByRole("button", { name: "Send credits" }).click();
    await expect(drawer.getByText("Choose the receiving customer")).toBeVisible();
    await expect(drawer.getByText("Choose a payment infrastructure")).toBeVisible();
    await expect(drawer.getByText("Enter an amount", { exact: true })).toBeVisible();

    await drawer.getByLabel("Currency").selectOption("JPY");
    await drawer.getByLabel("Credit amount").fill("1.5");
    await expect(drawer.getByText("JPY has no decimals; enter a whole amount")).toBeVisible();
    await expect(drawer.getByLabel("Credit amount")).toHaveAttribute("aria-invalid", "true");
    await expect(drawer.getByRole("heading", { name: "Credits sent" })).toHaveCount(0);
  });

  test("a deep link opens the drawer with the receiver chosen; the picker works from the keyboard", async ({ page }) => {
    await page.goto(`/credits/send?customerId=${deepLinked.id}`);
    const drawer = page.getByRole("dialog", { name: "Send credits" });
    await expect(drawer.getByLabel("Receiver user")).toContainText(deepLinked.email);

    await drawer.getByRole("button", { name: "Change receiver" }).click();
    const receiverBox = drawer.getByRole("combobox", { name: "Receiver user" });
    await expect(receiverBox).toBeFocused();
    await receiverBox.fill(receiver.lastName);
    const match = drawer.getByRole("option", { name: fullName(receiver) });
    await expect(match).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Escape");
    await expect(receiverBox).toHaveAttribute("aria-expanded", "false");
    await expect(drawer).toBeVisible();
    await page.keyboard.press("ArrowDown");
    await expect(match).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Enter");
    await expect(drawer.getByLabel("Receiver user")).toContainText(receiver.email);

    await drawer.getByRole("button", { name: "Close drawer" }).click();
    await expect(drawer).toBeHidden();
    await expect(page).toHaveURL(/\/credits\/send$/);
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
