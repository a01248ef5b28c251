import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { NewRoleButton } from "./_components/new-role-button";
import { RolesTable } from "./_components/roles-table";

export const metadata: Metadata = { title: "Roles" };

export default async function RolesPage() {
  const { isAllowed } = await getPageAccess("roles:manage");
  if (!isAllowed) return <NotAllowed />;
  return (
    <>
      <PageHeader
        title="Roles"
        description="What each role lets its staff members do. Built-in roles are locked; a change to a custom role applies on its members’ next click."
        actions={<NewRoleButton />}
      />
      <RolesTable />
    </>
  );
}
