import { useId, type ReactNode } from "react";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";

/** A titled settings section; the title names the region for assistive tech. */
export function SettingsCard({ title, description, children }: { title: string; description: ReactNode; children: ReactNode }) {
  const titleId = useId();
  return (
    <Card aria-labelledby={titleId}>
      <CardHeader className="block">
        <CardTitle id={titleId}>{title}</CardTitle>
        <p className="mt-0.5 text-xs text-slate-500">{description}</p>
      </CardHeader>
      {children}
    </Card>
  );
}
