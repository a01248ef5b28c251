// `npm run demo:storefront` against the production build this run serves (WEBHOOKS_ALLOW_PRIVATE=1,
// deliveries every second): the script itself, as a user runs it, so it cannot silently rot. It
// must finish the checkout, receive every event it expects with a verifying signature, and leave
// no key or endpoint behind.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { callTrpc, resultOf } from "../bench/lib/money-workload";
import { signInAsAdmin } from "../bench/lib/next-server";
import { distinctCustomer } from "./support/demo-customers";

// distinctCustomer slot 10 is this spec's.
const customer = distinctCustomer(10);

test("npm run demo:storefront checks out over the API, prints the verified webhook events, and cleans up", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "demo:storefront", "--", "--url", baseURL!, "--customer-email", customer.email, "--wait", "60"], {
    env: { ...process.env, NODE_OPTIONS: "" },
    maxBuffer: 10 * 1024 * 1024,
  });
  for (const line of [
    `→ GET /api/v1/customers/by-email/${encodeURIComponent(customer.email)}`,
    "→ POST /api/v1/holds",
    "← 201",
    "/capture",
    "/release",
    "/reverse",
  ]) {
    expect(stdout).toContain(line);
  }
  for (const type of ["hold.created", "hold.captured", "credit.spent", "hold.released"]) {
    expect(stdout).toMatch(new RegExp(`webhook ${type.replace(".", "\\.")} +\\S+  signature verified`));
  }
  expect(stdout).not.toContain("DOES NOT VERIFY");
  expect(stdout).not.toContain("NOTE:");
  expect(stdout).toContain("Removed the webhook endpoint");
  const prefix = /Revoked API key ([^\s…]+)…/.exec(stdout)?.[1];
  expect(prefix).toBeTruthy();

  const cookie = await signInAsAdmin(baseURL!);
  const keys = resultOf<{ prefix: string; status: string }[]>(await callTrpc(baseURL!, { path: "apiKeys.list", type: "query", cookie }));
  expect(keys.find((k) => k.prefix === prefix)?.status).toBe("REVOKED");
  const endpoints = resultOf<{ description: string | null }[]>(await callTrpc(baseURL!, { path: "webhooks.list", type: "query", cookie }));
  expect(endpoints.filter((e) => e.description?.startsWith("Storefront demo"))).toEqual([]);
});
