import { LoadingRows } from "@/components/ui/states";

export default function AdminLoading() {
  return <LoadingRows label="Loading page" />;
}
