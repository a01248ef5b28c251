"use client";
import { useState } from "react";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CreateApiKeyDialog } from "./create-api-key-dialog";

export function NewApiKeyButton() {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setIsOpen(true)}>
        <Plus aria-hidden="true" className="h-4 w-4" />
        New API key
      </Button>
      {isOpen ? <CreateApiKeyDialog onClose={() => setIsOpen(false)} /> : null}
    </>
  );
}
