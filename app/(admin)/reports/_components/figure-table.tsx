import type { ReactNode } from "react";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";

type Props = {
  title: string;
  columns: { label: string; isNumber?: boolean }[];
  rows: { key: string; cells: ReactNode[] }[];
  empty: string;
  /** A chart shown above the table (the table holds the same numbers). */
  chart?: ReactNode;
};

/** A report section: its title, an optional chart and the table with the figures. */
export function FigureTable({ title, columns, rows, empty, chart }: Props) {
  return (
    <Card className="break-inside-avoid">
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      {rows.length === 0 ? (
        <EmptyState title={empty}>Choose other dates or another currency.</EmptyState>
      ) : (
        <>
          {chart ? <div className="p-4">{chart}</div> : null}
          <Table aria-label={title}>
            <thead>
              <tr>
                {columns.map((column) => (
                  <Th key={column.label} className={column.isNumber ? "text-right" : undefined}>
                    {column.label}
                  </Th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  {row.cells.map((cell, i) => (
                    <Td key={columns[i]?.label ?? i} className={columns[i]?.isNumber ? "text-right tabular-nums" : undefined}>
                      {cell}
                    </Td>
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </Card>
  );
}
