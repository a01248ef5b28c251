import type { Metadata } from "next";
import { Suspense } from "react";
import { LoadingRows } from "@/components/ui/states";
import { RefundsReportView } from "./refunds-report-view";

export const metadata: Metadata = { title: "Refunds report" };

export default function RefundsReportPage() {
  return (
    <Suspense fallback={<LoadingRows label="Loading the refunds report" />}>
      <RefundsReportView />
    </Suspense>
  );
}
