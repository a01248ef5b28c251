import { type Page } from "@playwright/test";
import { demoStaff, expect, storageStateFor, test } from "./fixtures/roles";
import { distinctCustomer } from "./support/demo-customers";
import { openProfile, usdBalanceCents, usdText } from "./support/customer-profile";

// Needs the approvals server (limits.mine, approvals.*, money procedures answering ApprovalPending).
const directAndApproved = distinctCustomer(16);
const approvedTwice = distinctCustomer(17);
const rejected = distinctCustomer(18);
type Customer = typeof directAndApproved;

test.use({ storageState: storageStateFor("support") });

/** Opens Add store credit and fills it; returns the dialog. */
async function fillAddCredit(page: Page, amount: string, memo: string) {
  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("menuitem", { name: "Add store credit" }).click();
  const form = page.getByRole("dialog", { name: "Add store credit" });
  await form.getByLabel("Amount").fill(amount);
  await form.getByLabel("Memo").fill(memo);
  return form;
}

/** Files a request for 500.00 as the support agent and returns its row on a decider's Approvals page. */
async function requestAboveLimit(page: Page, customer: Customer, memo: string) {
  const form = await fillAddCredit(page, "500.00", memo);
  await expect(form.getByText("Needs approval: above your US$100.00 single-credit limit")).toBeVisible();
  await form.getByRole("button", { name: "Request approval" }).click();
  await expect(page.getByText("Sent for approval", { exact: false }).first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Approval requests for this customer" })).toContainText("US$500.00");
  return (decider: Page) =>
    decider.getByRole("table", { name: "Approval requests" }).getByRole("row").filter({ hasText: customer.fullName }).filter({ hasText: memo });
}

test("a support agent's credit above the limit waits for a manager, who approves it", async ({ page, pageAs }) => {
  // The whole acceptance story in one test, three people and nine pages: more than the default 30 s on a busy box.
  test.slow();
  const memo = `four eyes ${crypto.randomUUID().slice(0, 8)}`;
  await openProfile(page, directAndApproved);
  const before = await usdBalanceCents(page);

  const direct = await fillAddCredit(page, "50.00", `${memo} direct`);
  await expect(direct.getByText(/Needs approval/)).toHaveCount(0);
  await direct.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("region", { name: "Store credit balance" })).toContainText(usdText(before + 5000));

  const rowOn = await requestAboveLimit(page, directAndApproved, memo);
  await expect(page.getByRole("region", { name: "Store credit balance" })).toContainText(usdText(before + 5000));

  const manager = await pageAs("manager");
  await manager.goto("/customers");
  await manager.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Approvals/ }).click();
  const row = rowOn(manager);
  await expect(row).toContainText(demoStaff("support").name);
  await expect(row).toContainText("above your US$100.00 single-credit limit");
  await expect(row).toContainText("US$500.00");
  await row.getByRole("button", { name: /^Approve request/ }).click();
  await expect(manager.getByText("Approved and done")).toBeVisible();
  await expect(row).toHaveCount(0);

  await openProfile(page, directAndApproved);
  await expect(page.getByRole("region", { name: "Store credit balance" })).toContainText(usdText(before + 55000));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My requests" }).click();
  const mine = page.getByRole("table", { name: "My requests" }).getByRole("row").filter({ hasText: directAndApproved.fullName });
  await expect(mine.first()).toContainText("Approved");
  await expect(mine.first()).toContainText(demoStaff("manager").name);

  // The manager reads the three actions, with their actors, on the profile's Activity tab and in the audit log.
  await openProfile(manager, directAndApproved);
  await manager.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Activity" }).click();
  const actions = [
    { action: "credit.issue", actor: demoStaff("support").name },
    { action: "approval.request", actor: demoStaff("support").name },
    { action: "approval.approve", actor: demoStaff("manager").name },
  ];
  const entries = manager.getByRole("table", { name: "Audit entries" }).getByRole("row");
  for (const { action, actor } of actions) await expect(entries.filter({ hasText: action }).filter({ hasText: actor }).first()).toBeVisible();
  await manager.getByRole("link", { name: "Open in the audit log" }).click();
  await expect(manager).toHaveURL(/\/audit-log\?customer=/);
  for (const { action, actor } of actions) await expect(entries.filter({ hasText: action }).filter({ hasText: actor }).first()).toBeVisible();
});

test("two deciders approve the same request at once: it is done once and the other sees who decided", async ({ page, pageAs }) => {
  const memo = `twice ${crypto.randomUUID().slice(0, 8)}`;
  await openProfile(page, approvedTwice);
  const before = await usdBalanceCents(page);
  const rowOn = await requestAboveLimit(page, approvedTwice, memo);

  const [manager, admin] = await Promise.all([pageAs("manager"), pageAs("admin")]);
  await Promise.all([manager.goto("/approvals"), admin.goto("/approvals")]);
  await Promise.all([expect(rowOn(manager)).toHaveCount(1), expect(rowOn(admin)).toHaveCount(1)]);
  await Promise.all([
    rowOn(manager).getByRole("button", { name: /^Approve request/ }).click(),
    rowOn(admin).getByRole("button", { name: /^Approve request/ }).click(),
  ]);
  const outcomes = [manager, admin].map((p) => p.getByText(/Approved and done|Already approved by/).first());
  await Promise.all(outcomes.map((o) => expect(o).toBeVisible()));
  const texts = await Promise.all(outcomes.map((o) => o.innerText()));
  expect(texts.filter((t) => t.includes("Approved and done"))).toHaveLength(1);
  expect(texts.filter((t) => t.includes("Already approved by"))).toHaveLength(1);

  await openProfile(page, approvedTwice);
  await expect(page.getByRole("region", { name: "Store credit balance" })).toContainText(usdText(before + 50000));
  await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Store credits" }).click();
  await expect(page.getByRole("table", { name: "Store credits" }).getByRole("row").filter({ hasText: memo })).toHaveCount(1);
});

test("rejecting needs a reason and leaves the balance as it was", async ({ page, pageAs }) => {
  const memo = `rejected ${crypto.randomUUID().slice(0, 8)}`;
  await openProfile(page, rejected);
  const before = await usdBalanceCents(page);
  const rowOn = await requestAboveLimit(page, rejected, memo);

  const manager = await pageAs("manager");
  await manager.goto("/approvals");
  await rowOn(manager).getByRole("button", { name: /^Reject request/ }).click();
  const dialog = manager.getByRole("dialog", { name: "Reject request" });
  await dialog.getByRole("button", { name: "Reject request", exact: true }).click();
  await expect(dialog.getByText("Enter a reason")).toBeVisible();
  await dialog.getByLabel("Reason").fill("No order backs this amount");
  await dialog.getByRole("button", { name: "Reject request", exact: true }).click();
  await expect(manager.getByText("Request rejected")).toBeVisible();

  await page.goto("/my-requests");
  const mine = page.getByRole("table", { name: "My requests" }).getByRole("row").filter({ hasText: rejected.fullName });
  await expect(mine.first()).toContainText("Rejected");
  await expect(mine.first()).toContainText("No order backs this amount");
  await openProfile(page, rejected);
  expect(await usdBalanceCents(page)).toBe(before);
});
