"use client";
import type { inferRouterOutputs } from "@trpc/server";
import { money } from "@/components/money";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { AppRouter } from "@/server/trpc/root";
import { ROLL_FORWARD_LINES } from "@/server/modules/reports/reports.schema";

export type LiabilityData = inferRouterOutputs<AppRouter>["reports"]["liability"];

/** opening + increases − decreases = closing, per currency, with whether it reconciles. */
export function RollForwardTable({ report }: { report: LiabilityData }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          Roll-forward {report.period.from} to {report.period.to}
        </CardTitle>
      </CardHeader>
      <Table aria-label="Roll-forward">
        <thead>
          <tr>
            <Th>Line</Th>
            {report.rollForward.map((rf) => (
              <Th key={rf.currency} className="text-right">
                {rf.currency}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <Td className="font-medium">Opening balance</Td>
            {report.rollForward.map((rf) => (
              <Td key={rf.currency} className="text-right tabular-nums">
                {money({ amountMinor: rf.openingMinor, currency: rf.currency })}
              </Td>
            ))}
          </tr>
          {ROLL_FORWARD_LINES.map((line) => (
            <tr key={line.key}>
              <Td>
                {line.sign > 0 ? "+ " : "− "}
                {line.label}
              </Td>
              {report.rollForward.map((rf) => (
                <Td key={rf.currency} className="text-right tabular-nums">
                  {money({ amountMinor: rf.lines[line.key], currency: rf.currency })}
                </Td>
              ))}
            </tr>
          ))}
          <tr>
            <Td className="font-medium">= Closing balance</Td>
            {report.rollForward.map((rf) => (
              <Td key={rf.currency} className="text-right font-medium tabular-nums">
                {money({ amountMinor: rf.closingMinor, currency: rf.currency })}
              </Td>
            ))}
          </tr>
          <tr>
            <Td>Reconciles</Td>
            {report.rollForward.map((rf) => (
              <Td key={rf.currency} className={rf.isReconciled ? "text-right text-green-700" : "text-right font-semibold text-red-700"}>
                {rf.isReconciled ? "Yes" : "No: the lines do not add up to the closing balance"}
              </Td>
            ))}
          </tr>
        </tbody>
      </Table>
    </Card>
  );
}
