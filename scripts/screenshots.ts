// `npm run screenshots -- [url] [--email …] [--password …] [--customer <id>] [--out docs/screenshots]`
// Signs in to a running Creditdesk and saves full-page PNGs of the profile, its Payments tab, the
// Refunds page and Send credits at 1440x900, 1280x720 and 390x844, named <screen>-<w>x<h>.png.
// The customer shown is --customer, else the one of the newest refund (so payments and a refund
// are on screen), else the first in the customers list.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser, type Page } from "@playwright/test";
import { CHROMIUM, CHROMIUM_ARGS } from "../e2e/support/chromium";

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: "string", default: "admin@creditdesk.test" },
    password: { type: "string", default: "creditdesk-demo" },
    customer: { type: "string" },
    out: { type: "string", default: "docs/screenshots" },
  },
});
const baseURL = (positionals[0] ?? process.env.SCREENSHOTS_URL ?? "http://localhost:3000").replace(/\/$/, "");
const outDir = path.resolve(values.out);

/** Waits until the page's lists and cards have loaded (no "Loading…" placeholders left). */
async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => !document.querySelector('[role="status"][aria-label^="Loading"]'));
}

async function signIn(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(values.email);
  await page.getByLabel("Password").fill(values.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 30_000 }).catch(() => {
    throw new Error(`Could not sign in to ${baseURL} as ${values.email}: check the URL, --email and --password`);
  });
}

async function pickCustomer(page: Page): Promise<string> {
  if (values.customer) return values.customer;
  for (const [listPath, table] of [
    ["/refunds", "Refunds"],
    ["/customers", "Customers"],
  ] as const) {
    await page.goto(listPath);
    await settle(page);
    const href = await page
      .getByRole("table", { name: table })
      .locator('a[href^="/customers/"]')
      .first()
      .getAttribute("href", { timeout: 5_000 })
      .catch(() => null);
    const id = href?.split("/")[2];
    if (id) return id;
  }
  throw new Error("No customer to show: the database has none; pass --customer <id>");
}

async function shoot(browser: Browser, viewport: { width: number; height: number }, customerId?: string): Promise<string> {
  const context = await browser.newContext({ baseURL, viewport });
  const page = await context.newPage();
  await signIn(page);
  const id = customerId ?? (await pickCustomer(page));
  const screens = [
    ["profile", `/customers/${id}`],
    ["payments", `/customers/${id}/payments`],
    ["refunds", "/refunds"],
    ["send-credits", "/credits/send"],
  ] as const;
  for (const [name, url] of screens) {
    await page.goto(url);
    await settle(page);
    const file = path.join(outDir, `${name}-${viewport.width}x${viewport.height}.png`);
    await page.screenshot({ path: file, fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    console.log(`${path.relative(process.cwd(), file)}  (page ${width} px wide${width > viewport.width ? ", WIDER THAN THE SCREEN" : ""})`);
  }
  await context.close();
  return id;
}

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  let customerId: string | undefined;
  for (const viewport of VIEWPORTS) customerId = await shoot(browser, viewport, customerId);
  console.log(`Customer shown: ${baseURL}/customers/${customerId}`);
} finally {
  await browser.close();
}
