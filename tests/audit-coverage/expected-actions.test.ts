import { describe, expect, it } from "vitest";
import { appRouter } from "@/server/trpc/root";
import { EXPECTED_AUDIT_ACTIONS } from "./expected-actions";

type ProcedureDef = { _def: { type: string } };
const mutations = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>)
  .filter(([, procedure]) => procedure._def.type === "mutation")
  .map(([path]) => path)
  .sort();

describe("the expected audit actions of the coverage check", () => {
  it("list every mutation procedure of the appRouter, and no procedure that is not one", () => {
    expect(Object.keys(EXPECTED_AUDIT_ACTIONS).sort()).toEqual(mutations);
  });

  it("name actions in the log's own form (area.verb)", () => {
    for (const actions of Object.values(EXPECTED_AUDIT_ACTIONS)) for (const action of actions) expect(action).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
  });
});
