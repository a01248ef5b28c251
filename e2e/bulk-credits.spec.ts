// Bulk credit from a CSV, as the admin: upload a file with one bad row, read the preview and the
// problem, issue, watch the progress reach 100% and download the results.
import { readFile } from "node:fs/promises";
import { expect, storageStateFor, test } from "./fixtures/roles";
import { distinctCustomer } from "./support/demo-customers";

const first = distinctCustomer(6);
const second = distinctCustomer(9);

test.use({ storageState: storageStateFor("admin") });

test("uploads a CSV with one bad row, issues the good ones with a progress bar to 100%, and downloads the results", async ({ page }) => {
  await page.goto("/customers");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Bulk credit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bulk credit" })).toBeVisible();

  // A fresh memo per run: the same file twice would be refused as already issued.
  const run = `${Date.now()}`;
  const csv = [
    "customer,amount,currency,category,memo,expiry,notify",
    `${first.email},4.20,USD,Goodwill,Outage ${run},,no`,
    `nobody-${run}@example.com,3.00,USD,Goodwill,Outage ${run},,no`,
    `${second.email},5.10,USD,Goodwill,Outage ${run},,yes`,
  ].join("\n");
  await page.getByLabel("Choose a CSV file").setInputFiles({ name: `outage-${run}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });

  // The preview: counts, the total, and the problem row with its line and reason.
  await expect(page).toHaveURL(/\/credits\/bulk\/[0-9a-f-]{36}$/);
  const batch = page.getByRole("region", { name: "Bulk credit batch" });
  await expect(batch.getByText("Valid rows")).toBeVisible();
  await expect(batch.getByRole("definition").filter({ hasText: /^2$/ })).toBeVisible();
  await expect(batch.getByText("US$9.30")).toBeVisible();
  const problems = batch.getByRole("table", { name: "Problem rows" });
  await expect(problems.getByRole("row")).toHaveCount(2);
  await expect(problems.getByRole("row").nth(1)).toContainText("3");
  await expect(problems.getByRole("row").nth(1)).toContainText("Unknown customer");

  await batch.getByRole("button", { name: "Issue 2 credits" }).click();
  const progress = batch.getByRole("progressbar", { name: "Issuing credits" });
  await expect(progress).toHaveAttribute("aria-valuenow", "100", { timeout: 20_000 });
  await expect(batch.getByRole("status").filter({ hasText: "2 of 2 rows done" })).toBeVisible();

  const credits = batch.getByRole("table", { name: "Credits of this batch" });
  await expect(credits.getByRole("row")).toHaveCount(3);
  await expect(credits.getByRole("link", { name: "4.20 USD" })).toBeVisible();

  const downloading = page.waitForEvent("download");
  await batch.getByRole("button", { name: "Download results" }).click();
  const download = await downloading;
  const text = await readFile((await download.path())!, "utf8");
  expect(text.split("\r\n")[0]).toBe("line,customer,amount,currency,category,memo,expiry,notify,result,credit_id,reason");
  expect(text).toContain(`2,${first.email},4.20,USD,Goodwill`);
  expect(text).toContain(`4,${second.email},5.10,USD,Goodwill`);
  expect(text.match(/,Created,/g)).toHaveLength(2);
  expect(text).toContain("Problem");

  // The credit links back to its batch.
  await credits.getByRole("link", { name: "4.20 USD" }).click();
  await expect(page.getByRole("link", { name: `outage-${run}.csv, line 2` })).toBeVisible();
});
