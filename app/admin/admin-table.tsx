import type { ReactNode } from "react";

/** A column heading; `wide` columns show from the sm breakpoint on (folded into the first on a phone). */
export type Column = { label: string; wide?: boolean };

/** The console's table shell: the scrolling card, a caption for screen readers, the header row. */
export function AdminTable({
  caption,
  columns,
  children,
}: {
  caption: string;
  columns: Column[];
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full sm:min-w-[40rem] text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={c.wide ? "hidden px-4 py-3 sm:table-cell" : "px-4 py-3"}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}
