"use client";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";

export default function AdminError({ reset }: { error: Error; reset: () => void }) {
  return (
    <ErrorState title="This page could not be loaded">
      <p className="mb-3">Try again; if it keeps failing, the server log has the details.</p>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </ErrorState>
  );
}
