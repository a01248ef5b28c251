"use client";
import { createContext, useContext, useState, type ReactNode } from "react";
import { AddStoreCreditDialog } from "./add-store-credit-dialog";

type ProfileActions = { customerId: string; openAddCredit: () => void };
const ProfileActionsContext = createContext<ProfileActions | null>(null);

/** Both entry points to "Add store credit" (menu and balance card) open the same dialog. */
export function ProfileActionsProvider({ customerId, contact, children }: { customerId: string; contact: { phone: string | null; email: string }; children: ReactNode }) {
  const [isAddOpen, setIsAddOpen] = useState(false);
  return (
    <ProfileActionsContext.Provider value={{ customerId, openAddCredit: () => setIsAddOpen(true) }}>
      {children}
      <AddStoreCreditDialog customerId={customerId} contact={contact} open={isAddOpen} onOpenChange={setIsAddOpen} />
    </ProfileActionsContext.Provider>
  );
}

export function useProfileActions(): ProfileActions {
  const actions = useContext(ProfileActionsContext);
  if (!actions) throw new Error("useProfileActions must be used inside the customer profile");
  return actions;
}
