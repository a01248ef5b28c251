import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, storageStateFor, test, type Role } from "./fixtures/roles";
import { customerWithPayments, distinctCustomer } from "./support/demo-customers";
import { openProfile } from "./support/customer-profile";

// Every main screen, as the role that works on it, has no WCAG 2.1 A/AA violation axe-core can find.
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const customer = distinctCustomer(28);
const payer = customerWithPayments(6);

/** One line per failing element: rule, impact, what to fix, and where. */
function readable(violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((node) => `${v.id} (${v.impact ?? "?"}): ${v.help} — ${node.target.join(" ")} — ${node.failureSummary?.replaceAll("\n", " ") ?? ""}`),
  );
}

/** Waits until the screen has loaded (its heading shown, no loading placeholder), then checks it. */
async function expectNoViolations(page: Page, heading: string | RegExp) {
  await expect(page.getByRole("heading", { name: heading }).first()).toBeVisible();
  await expect(page.locator('[role="status"][aria-label^="Loading"]')).toHaveCount(0);
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  expect(readable(results.violations), `axe found WCAG 2.1 AA violations on ${page.url()}`).toEqual([]);
}

function asRole(role: Role, screens: () => void) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: storageStateFor(role) });
    screens();
  });
}

asRole("admin", () => {
  test("customers list", async ({ page }) => {
    await page.goto("/customers");
    await expectNoViolations(page, "Customers");
  });

  test("customer profile", async ({ page }) => {
    await openProfile(page, customer);
    await expectNoViolations(page, customer.fullName);
  });

  // One test per tab: each is a page of its own, and one axe run is a few seconds on a busy machine.
  for (const tab of ["Store credits", "Credit history", "Notifications", "Activity"]) {
    test(`customer profile: ${tab} tab`, async ({ page }) => {
      await openProfile(page, customer);
      const link = page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: tab, exact: true });
      await link.click();
      await expect(link).toHaveAttribute("aria-current", "page");
      await expectNoViolations(page, customer.fullName);
    });
  }

  test("payments tab", async ({ page }) => {
    await openProfile(page, payer);
    await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Payments", exact: true }).click();
    await expect(page.getByRole("table", { name: "Past payments" })).toBeVisible();
    await expectNoViolations(page, payer.fullName);
  });

  test("a store credit's page", async ({ page }) => {
    test.slow(); // adds a credit first, and runs axe three times
    await openProfile(page, customer);
    const memo = `Accessibility check ${Date.now()}`;
    await page.getByRole("region", { name: "Store credit balance" }).getByRole("button", { name: "Add store credit" }).click();
    const dialog = page.getByRole("dialog", { name: "Add store credit" });
    await dialog.getByLabel("Amount").fill("2.00");
    await dialog.getByLabel("Currency").selectOption("USD");
    await dialog.getByLabel("Memo").fill(memo);
    await expectNoViolations(page, "Add store credit");
    await dialog.getByRole("button", { name: "Create" }).click();
    await expect(dialog).toBeHidden();
    // The success toast, checked on its own while it shows (a toast leaves after a few seconds).
    await expect(page.getByText("Store credit of US$2.00 added")).toBeVisible();
    // Checked once it has faded in: mid-animation its text is lighter than it ends up.
    const shown = page.locator("[data-sonner-toast]").filter({ hasText: "Store credit of US$2.00 added" });
    await expect.poll(() => shown.evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
    const toast = await new AxeBuilder({ page }).include("[data-sonner-toaster]").withTags(WCAG_21_AA).analyze();
    expect(readable(toast.violations), "axe found WCAG 2.1 AA violations in the toast").toEqual([]);
    await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Store credits" }).click();
    await page.getByRole("table", { name: "Store credits" }).getByRole("row").filter({ hasText: memo }).click();
    await expect(page.getByRole("region", { name: "Store credit", exact: true })).toBeVisible();
    await expectNoViolations(page, /^Store credit US\$2\.00/);
  });

  for (const [path, heading] of [
    ["/refunds", "Refunds"],
    ["/credits/send", "Send credits"],
    ["/settings", "Settings"],
    ["/settings/webhooks", "Webhooks"],
    ["/staff", "Staff"],
    ["/roles", "Roles"],
    ["/audit-log", "Audit log"],
  ] as const) {
    test(`${heading} (${path})`, async ({ page }) => {
      await page.goto(path);
      await expectNoViolations(page, heading);
    });
  }

  test("an audit log entry", async ({ page }) => {
    await page.goto("/audit-log");
    await page.getByRole("table", { name: "Audit entries" }).getByRole("link", { name: /^Details of / }).first().click();
    await expect(page).toHaveURL(/\/audit-log\/[0-9a-f-]{36}$/);
    await expectNoViolations(page, "What changed");
  });
});

asRole("manager", () => {
  test("approvals", async ({ page }) => {
    await page.goto("/approvals");
    await expectNoViolations(page, "Approvals");
  });
});

asRole("support", () => {
  test("my requests", async ({ page }) => {
    await page.goto("/my-requests");
    await expectNoViolations(page, "My requests");
  });
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("sign-in", async ({ page }) => {
    await page.goto("/sign-in");
    await expectNoViolations(page, /sign in/i);
  });

  test("set-password with an invalid link", async ({ page }) => {
    await page.goto("/set-password/not-a-real-token");
    await expectNoViolations(page, "Set your password");
  });
});
