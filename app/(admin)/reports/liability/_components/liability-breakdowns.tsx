"use client";
import { money } from "@/components/money";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import type { LiabilityData } from "./roll-forward-table";

/** Outstanding credit by category, and breakage (credit that expired unused) per month and category. */
export function LiabilityBreakdowns({ report }: { report: LiabilityData }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>Outstanding by category</CardTitle>
        </CardHeader>
        {report.byCategory.length === 0 ? (
          <EmptyState title="Nothing outstanding">No category holds credit on this day.</EmptyState>
        ) : (
          <Table aria-label="Outstanding by category">
            <thead>
              <tr>
                <Th>Category</Th>
                <Th>Currency</Th>
                <Th className="text-right">Outstanding</Th>
              </tr>
            </thead>
            <tbody>
              {report.byCategory.map((row) => (
                <tr key={`${row.currency}-${row.categoryId}`}>
                  <Td>{row.categoryName}</Td>
                  <Td>{row.currency}</Td>
                  <Td className="text-right tabular-nums">{money(row)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Breakage: credit expired unused</CardTitle>
        </CardHeader>
        {report.breakage.length === 0 ? (
          <EmptyState title="No breakage">No credit expired in these 12 months.</EmptyState>
        ) : (
          <Table aria-label="Breakage by month and category">
            <thead>
              <tr>
                <Th>Month</Th>
                <Th>Category</Th>
                <Th className="text-right">Expired</Th>
              </tr>
            </thead>
            <tbody>
              {report.breakage.map((row) => (
                <tr key={`${row.month}-${row.currency}-${row.categoryId}`}>
                  <Td>{row.month}</Td>
                  <Td>{row.categoryName}</Td>
                  <Td className="text-right tabular-nums">{money(row)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
