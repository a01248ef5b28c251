import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows } from "@/components/ui/states";
import { MyRequestsList } from "./_components/my-requests-list";

export const metadata: Metadata = { title: "My requests" };

// Every signed-in staff member has their own requests; the admin layout already requires a session.
export default function MyRequestsPage() {
  return (
    <>
      <PageHeader title="My requests" description="Your money actions that needed a second person's approval, newest first." />
      <Suspense fallback={<LoadingRows label="Loading your requests" />}>
        <MyRequestsList />
      </Suspense>
    </>
  );
}
