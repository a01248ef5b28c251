// Inputs of the reports procedures and the labels the report pages show. Client-safe.
import { z } from "zod";
import { ZCurrency } from "@/server/lib/zod-fields";

/** A UTC calendar day, as the report URLs carry it. */
export const ZReportDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date like 2026-12-31")
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), "Enter a real date")
  .refine((day) => day >= "2000-01-01" && day <= "2999-12-31", "Choose a date between 2000 and 2999");

export const ZLiabilityInput = z
  .object({
    asOf: ZReportDay.optional().describe("Outstanding credit at the end of this UTC day (or now, for today and later); default today"),
    from: ZReportDay.optional().describe("First day of the roll-forward period; default the first of the as-of month"),
    to: ZReportDay.optional().describe("Last day of the roll-forward period (included); default the as-of day"),
    currency: ZCurrency.optional().describe("Only this currency; default every currency"),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, { path: ["to"], message: "Choose a To date on or after the From date" });
export type LiabilityInput = z.infer<typeof ZLiabilityInput>;

export const ZAgingInput = z.object({
  asOf: ZReportDay.optional().describe("Aging of what was outstanding at the end of this UTC day; default now"),
  currency: ZCurrency.optional(),
});
export type AgingInput = z.infer<typeof ZAgingInput>;

/** The roll-forward's lines in the order the identity reads them; `sign` is how each moves the balance. */
export const ROLL_FORWARD_LINES = [
  { key: "issued", label: "Issued", sign: 1 },
  { key: "adjustedUp", label: "Adjusted up", sign: 1 },
  { key: "refundedToCredit", label: "Refunded to credit", sign: 1 },
  { key: "useReversed", label: "Spends reversed", sign: 1 },
  { key: "adjustedDown", label: "Adjusted down", sign: -1 },
  { key: "used", label: "Used", sign: -1 },
  { key: "expired", label: "Expired (breakage)", sign: -1 },
  { key: "voided", label: "Voided", sign: -1 },
] as const;
export type RollForwardKey = (typeof ROLL_FORWARD_LINES)[number]["key"];

export const ISSUE_AGE_LABELS = {
  "0-30": "0–30 days",
  "31-90": "31–90 days",
  "91-180": "91–180 days",
  "181-365": "181–365 days",
  "over-365": "Over 365 days",
} as const;

export const EXPIRY_LABELS = {
  past: "Past expiry (expiry run due)",
  "30": "Expires within 30 days",
  "60": "Expires in 31–60 days",
  "90": "Expires in 61–90 days",
  later: "Expires after 90 days",
  never: "Never expires",
} as const;

export const ZPeriodInput = z
  .object({
    from: ZReportDay.optional().describe("First UTC day; default 29 days before To"),
    to: ZReportDay.optional().describe("Last UTC day (included); default today"),
    currency: ZCurrency.optional().describe("Only this currency; default every currency"),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, { path: ["to"], message: "Choose a To date on or after the From date" });
export type PeriodInput = z.infer<typeof ZPeriodInput>;
