import { describe, expect, it } from "vitest";
import { demoPurchasePlan, demoPurchaseRows } from "./demo-purchases";

const DAY = 86_400_000;
const indexes = Array.from({ length: 200 }, (_, i) => i);
const rowsOn = (index: number, now: Date) =>
  demoPurchaseRows(index, { customerId: "0190a000-0000-7000-8000-000000000000", signedUpAt: new Date(Date.UTC(2025, 0, 1)), now, staffIds: ["s"] });
const cardsOf = (index: number) => demoPurchasePlan(index).filter((p) => p.method === "CARD");

describe("demo purchases", () => {
  it("plans 1–4 purchases per customer, the same on every call", () => {
    for (const i of indexes) {
      expect(demoPurchasePlan(i)).toEqual(demoPurchasePlan(i));
      expect(demoPurchasePlan(i).length).toBeGreaterThanOrEqual(1);
      expect(demoPurchasePlan(i).length).toBeLessThanOrEqual(4);
    }
  });

  it("puts the newest card of index % 10 = 1 on the declined Visa and of 2 on the timeout Visa, and those cards nowhere else", () => {
    for (const i of indexes) {
      const newest = cardsOf(i).at(-1);
      if (i % 10 === 1) expect(newest).toMatchObject({ cardBrand: "Visa", cardLast4: "0002", currency: "USD" });
      else if (i % 10 === 2) expect(newest).toMatchObject({ cardBrand: "Visa", cardLast4: "0069", currency: "USD" });
      else expect(cardsOf(i).map((p) => p.cardLast4)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^(0002|0069)$/)]));
    }
  });

  it("builds the same payments whatever the day, captured in plan order between sign-up and yesterday", () => {
    const shape = (rows: ReturnType<typeof rowsOn>) => rows.payments.map((p) => [p.amountMinor, p.currency, p.methodKind, p.cardBrand, p.cardLast4, p.description, p.refundedMinor]);
    for (const i of indexes.slice(0, 50)) {
      const now = new Date(Date.UTC(2026, 10, 23));
      const today = rowsOn(i, now);
      expect(shape(today)).toEqual(shape(rowsOn(i, new Date(Date.UTC(2027, 5, 1)))));
      const times = today.payments.map((p) => p.capturedAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times[0]).toBeGreaterThanOrEqual(Date.UTC(2025, 0, 1));
      expect(times.at(-1)).toBeLessThanOrEqual(now.getTime() - DAY);
    }
  });

  it("refunds some oldest purchases, never more than was paid and never on a sandbox test card", () => {
    const refunded = indexes.flatMap((i) => demoPurchasePlan(i).filter((p) => p.refund));
    expect(refunded.length).toBeGreaterThan(0);
    for (const p of refunded) {
      expect(p.refund!.amountMinor).toBeGreaterThan(0n);
      expect(p.refund!.amountMinor).toBeLessThanOrEqual(p.amountMinor);
      expect(["0002", "0069"]).not.toContain(p.cardLast4);
    }
  });
});
