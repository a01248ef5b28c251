// `npm run demo:storefront [-- --url http://localhost:3000] [--customer-email a@b.c] [--wait 30]`:
// a checkout against a running server over the Storefront API with a fresh API key, and the
// webhook events it causes (see scripts/lib/storefront-demo.ts and README "Try the Storefront API").
import { parseArgs } from "node:util";
import { isDemoError, runStorefrontDemo } from "./lib/storefront-demo";

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: process.env.DEMO_URL ?? "http://localhost:3000" },
    email: { type: "string" },
    password: { type: "string" },
    "customer-email": { type: "string" },
    wait: { type: "string", default: "30" },
    "receiver-port": { type: "string", default: "0" },
  },
});

try {
  const result = await runStorefrontDemo({
    url: args.url,
    email: args.email,
    password: args.password,
    customerEmail: args["customer-email"],
    waitSeconds: Number(args.wait),
    receiverPort: Number(args["receiver-port"]),
  });
  const unverified = result.events.filter((e) => !e.isVerified).length;
  console.log("");
  console.log(`${result.calls.length} API calls, ${result.events.length} webhook events received (${unverified} failed verification)`);
  if (result.webhookProblem) console.log(`Webhooks not shown: ${result.webhookProblem}`);
  if (result.webhookProblem || unverified > 0) process.exitCode = 1;
} catch (error) {
  if (!isDemoError(error)) throw error;
  console.error(`demo:storefront: ${error.message}`);
  process.exitCode = 1;
}
