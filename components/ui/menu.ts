export const menuContentClass = "z-50 min-w-48 rounded-md border border-slate-200 bg-white p-1 shadow-md";

export const menuItemClass =
  "flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-sm text-slate-800 outline-none data-[highlighted]:bg-slate-100 data-[disabled]:text-slate-400";
