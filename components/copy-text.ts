import { toast } from "sonner";

/** Copies `text` to the clipboard and says so: "Email copied". */
export async function copyText(text: string, what: string) {
  await navigator.clipboard.writeText(text);
  toast.success(`${what} copied`);
}
