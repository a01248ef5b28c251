import { describe, expect, it } from "vitest";
import { pgbenchScript, staleness } from "./issue-credit-pgbench";

describe("the pgbench script of credits.issue", () => {
  it("is the one the fast path's statements make now", () => {
    expect(staleness()).toBeNull();
  });

  it("draws the customer, currency, amount, key and ids in the fast path's one statement", () => {
    const script = pgbenchScript();
    expect(script.match(/credit_issue_write\(/g)).toHaveLength(1);
    for (const drawn of [":customer", ":currency", ":amount::bigint", ":admin::uuid", "(SELECT gen_random_uuid())", "(SELECT bench_uuid7())"]) expect(script).toContain(drawn);
    // No sample id is left where a drawn one belongs.
    expect(script).not.toMatch(/'00000000-0000-7000-8000-00000000[ac]000'/);
  });
});
