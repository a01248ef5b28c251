"use client";
import { useMutation } from "@tanstack/react-query";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useInvalidateApiKeys } from "./use-invalidate-api-keys";

/** Revoking is for good: the key's next request is refused, and it cannot be turned back on. */
export function RevokeApiKeyDialog({ apiKey, onClose }: { apiKey: { id: string; name: string }; onClose: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateApiKeys();
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        toast.success(`API key “${apiKey.name}” revoked`);
        onClose();
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())} title={`Revoke API key “${apiKey.name}”?`}>
      <div className="space-y-3">
        <p className="text-sm text-slate-700">Every request with this key is refused from now on. Systems using it stop working until they get a new key.</p>
        {revoke.isError ? (
          <p role="alert" className="text-sm text-red-700">
            {revoke.error.message}
          </p>
        ) : null}
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={onClose} disabled={revoke.isPending}>
            Cancel
          </Button>
          <Button variant="danger" disabled={revoke.isPending} onClick={() => revoke.mutate({ id: apiKey.id })}>
            {revoke.isPending ? "Revoking…" : "Revoke key"}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
