import { expect, type Page } from "@playwright/test";

type Customer = { lastName: string; fullName: string };

/** Finds the customer by last name, as a person would, and opens their profile. */
export async function openProfile(page: Page, customer: Customer) {
  await page.goto("/customers");
  await page.getByLabel("Search customers").fill(customer.lastName);
  await page.getByRole("table", { name: "Customers" }).getByRole("row", { name: customer.fullName }).click();
  await expect(page.getByRole("heading", { level: 1, name: customer.fullName })).toBeVisible();
}

/** The USD balance shown on the profile's balance card once loaded, in cents; zero when it shows none. */
export async function usdBalanceCents(page: Page): Promise<number> {
  const card = page.getByRole("region", { name: "Store credit balance" });
  await expect(card.getByRole("status")).toHaveCount(0);
  const match = /US\$([\d,]+\.\d{2})/.exec(await card.innerText());
  return match ? Math.round(Number(match[1]!.replaceAll(",", "")) * 100) : 0;
}

/** Cents as the page writes US dollars: "US$1,234.50". */
export const usdText = (cents: number) => `US$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;

/** Adds a USD store credit from the profile's balance card and waits for the dialog to close. */
export async function addUsdCredit(page: Page, amount: string) {
  await page.getByRole("region", { name: "Store credit balance" }).getByRole("button", { name: "Add store credit" }).click();
  const form = page.getByRole("dialog", { name: "Add store credit" });
  await form.getByLabel("Amount").fill(amount);
  await form.getByLabel("Currency").selectOption("USD");
  await form.getByRole("button", { name: "Create" }).click();
  await expect(form).toBeHidden();
}
