import { describe, expect, it } from "vitest";
import { findUnauditedMutations, parseMutationCalls, type AuditLookup } from "./check";

const STAFF = "0195f5d2-0000-7000-8000-000000000001";
const OTHER = "0195f5d2-0000-7000-8000-000000000002";
const EXPECTED = { "credits.issue": ["credit.issue", "approval.request"], "staff.deactivate": ["staff.deactivate"] };

/** An audit log holding these rows, counted the way the teardown's query counts. */
const logOf = (rows: { action: string; actorId: string }[]): AuditLookup =>
  async ({ actions, actorIds }) => rows.filter((r) => actions.includes(r.action) && actorIds.includes(r.actorId)).length;

describe("the after-suite audit coverage check", () => {
  it("reports a mutation that was called successfully but left no audit row", async () => {
    const problems = await findUnauditedMutations([{ path: "staff.deactivate", staffId: STAFF }], EXPECTED, logOf([]));
    expect(problems).toEqual(["staff.deactivate: called successfully by 1 staff member(s), but no audit row with action staff.deactivate by them"]);
  });

  it("does not count a row with another action, or one written by someone who did not call it", async () => {
    const calls = [{ path: "credits.issue", staffId: STAFF }];
    expect(await findUnauditedMutations(calls, EXPECTED, logOf([{ action: "credit.void", actorId: STAFF }]))).toHaveLength(1);
    expect(await findUnauditedMutations(calls, EXPECTED, logOf([{ action: "credit.issue", actorId: OTHER }]))).toHaveLength(1);
  });

  it("reports a called mutation that has no expected action listed", async () => {
    expect(await findUnauditedMutations([{ path: "credits.newThing", staffId: STAFF }], EXPECTED, logOf([]))).toEqual([
      "credits.newThing: no expected audit action is listed (tests/audit-coverage/expected-actions.ts)",
    ]);
  });

  it("passes when each called mutation has a row with one of its actions by one of its callers", async () => {
    const calls = parseMutationCalls(
      [{ path: "credits.issue", staffId: STAFF }, { path: "credits.issue", staffId: OTHER }, { path: "staff.deactivate", staffId: OTHER }].map((c) => JSON.stringify(c)).join("\n") + "\n",
    );
    const log = logOf([
      { action: "approval.request", actorId: STAFF },
      { action: "staff.deactivate", actorId: OTHER },
    ]);
    expect(await findUnauditedMutations(calls, EXPECTED, log)).toEqual([]);
  });
});
