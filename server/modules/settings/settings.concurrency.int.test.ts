import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { fieldRefusal } from "@/tests/helpers/trpc-errors";
import { callerAs } from "@/tests/factories/staff";
import { uniqueWord } from "@/tests/factories/customers";
import { DEFAULT_INFRASTRUCTURE_IDS } from "./settings-defaults";

let t: TestDb;
let admins: Awaited<ReturnType<typeof callerAs>>["caller"][];

beforeAll(async () => {
  t = await openTestDb();
  admins = await Promise.all(Array.from({ length: 6 }, async () => (await callerAs(t.db, "ADMIN")).caller));
});
afterAll(() => t.close());

/** Each call's answer: "OK", or the refusal as "CODE field: message". */
const answersOf = (calls: Promise<unknown>[]) =>
  Promise.all(
    calls.map(async (call) => {
      const settled = await call.then(
        () => null,
        (e: unknown) => e,
      );
      if (settled === null) return "OK";
      const { code, fieldMessage } = await fieldRefusal(Promise.reject(settled));
      return `${code} ${fieldMessage}`;
    }),
  );

const reasonsNamed = (name: string) => t.db.$queryRaw<{ id: string }[]>`SELECT id FROM adjustment_reason WHERE lower(name) = lower(${name})`;

describe("admins changing the same settings name at once", () => {
  it("creates one reason when six admins add the same name (in any case) together; the others get CONFLICT on the name", async () => {
    const name = `Race ${uniqueWord()}`;
    const answers = await answersOf(admins.map((admin, i) => admin.settings.reasons.create({ name: i % 2 ? name.toLowerCase() : name })));
    expect(answers.filter((a) => a === "OK")).toHaveLength(1);
    expect(answers.filter((a) => a !== "OK")).toEqual(Array(5).fill("CONFLICT name: A reason with this name already exists"));
    expect(await reasonsNamed(name)).toHaveLength(1);
  });

  it("renames only one of two reasons to a name both admins chose at once", async () => {
    const [first, second] = await Promise.all([
      admins[0]!.settings.reasons.create({ name: `One ${uniqueWord()}` }),
      admins[1]!.settings.reasons.create({ name: `Two ${uniqueWord()}` }),
    ]);
    const name = `Renamed ${uniqueWord()}`;
    const answers = await answersOf([
      admins[0]!.settings.reasons.rename({ id: first!.id, name }),
      admins[1]!.settings.reasons.rename({ id: second!.id, name }),
    ]);
    expect(answers.toSorted()).toEqual(["CONFLICT name: A reason with this name already exists", "OK"]);
    expect(await reasonsNamed(name)).toHaveLength(1);
  });

  it("creates one payment method when admins add the same name to an infrastructure together", async () => {
    const name = `Method ${uniqueWord()}`;
    const infrastructureId = DEFAULT_INFRASTRUCTURE_IDS.bankTransfer;
    const answers = await answersOf(admins.map((admin) => admin.settings.methods.create({ infrastructureId, name })));
    expect(answers.filter((a) => a === "OK")).toHaveLength(1);
    expect(answers.filter((a) => a !== "OK")).toEqual(Array(5).fill("CONFLICT name: A payment method with this name already exists"));
    expect(await t.db.paymentMethod.count({ where: { infrastructureId, name } })).toBe(1);
  });
});
