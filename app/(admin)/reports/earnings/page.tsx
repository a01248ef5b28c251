import type { Metadata } from "next";
import { Suspense } from "react";
import { LoadingRows } from "@/components/ui/states";
import { EarningsReportView } from "./earnings-report-view";

export const metadata: Metadata = { title: "Send credits earnings" };

export default function EarningsReportPage() {
  return (
    <Suspense fallback={<LoadingRows label="Loading the earnings report" />}>
      <EarningsReportView />
    </Suspense>
  );
}
