import { describe, expect, it } from "vitest";
import { pgbenchScript, staleness } from "./issue-credit-pgbench";

describe("the pgbench script of credits.issue", () => {
  it("is the one the fast path's statements make now", () => {
    expect(staleness()).toBeNull();
  });

  it("draws the customer, currency, amount, key and ids, and has both statements", () => {
    const script = pgbenchScript();
    expect(script).toContain("FROM credit_issue_write(");
    expect(script).toContain('AS "isKeyUsed"');
    for (const drawn of [":customer", ":currency", ":amount::bigint", ":admin::uuid", "(SELECT gen_random_uuid())", "(SELECT bench_uuid7())"]) expect(script).toContain(drawn);
    // No sample id is left where a drawn one belongs.
    expect(script).not.toMatch(/'00000000-0000-7000-8000-00000000[ac]000'/);
  });
});
