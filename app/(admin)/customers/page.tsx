import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows, NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { CustomersTable } from "./_components/customers-table";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage() {
  const { isAllowed } = await getPageAccess("customers:read");
  if (!isAllowed) return <NotAllowed />;
  return (
    <>
      <PageHeader title="Customers" description="Find a customer to manage their store credit, payments and refunds." />
      <Suspense fallback={<LoadingRows label="Loading customers" />}>
        <CustomersTable />
      </Suspense>
    </>
  );
}
