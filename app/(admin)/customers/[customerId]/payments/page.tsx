import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";

export const metadata: Metadata = { title: "Payments" };

export default function CustomerPaymentsPage() {
  return (
    <Card>
      <EmptyState title="No payments">Payments this customer has made will be listed here.</EmptyState>
    </Card>
  );
}
