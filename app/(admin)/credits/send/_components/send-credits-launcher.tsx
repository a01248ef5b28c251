"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Send } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SendCreditsPanel } from "./send-credits-panel";

/** The page's "Send credits" button and the drawer it opens; each opening is a fresh form. */
export function SendCreditsLauncher({ initialCustomerId }: { initialCustomerId: string | null }) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(initialCustomerId !== null);

  const onOpenChange = (open: boolean) => {
    setIsOpen(open);
    // The deep link has done its job; dropping it keeps a reload from reopening the drawer.
    if (!open && initialCustomerId) router.replace("/credits/send", { scroll: false });
  };

  return (
    <>
      <Button onClick={() => setIsOpen(true)}>
        <Send aria-hidden="true" className="h-3.5 w-3.5" />
        Send credits
      </Button>
      <Dialog open={isOpen} onOpenChange={onOpenChange} side="right" title="Send credits" description="Fields marked * are required.">
        <SendCreditsPanel initialCustomerId={initialCustomerId} />
      </Dialog>
    </>
  );
}
