"use client";
import { useState } from "react";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { RoleDialog } from "./role-dialog";

export function NewRoleButton() {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setIsOpen(true)}>
        <Plus aria-hidden="true" className="h-4 w-4" />
        New role
      </Button>
      {isOpen ? <RoleDialog role={null} onClose={() => setIsOpen(false)} /> : null}
    </>
  );
}
