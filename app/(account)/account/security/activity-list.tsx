"use client";

import { useState, useTransition } from "react";
import { BusyButton } from "@/components/busy-button";
import { Time } from "@/components/time";
import { loadMoreActivity } from "./activity-actions";
import type { ActivityItem } from "./activity-item";

export function ActivityList({
  initialItems,
  initialCursor,
}: {
  initialItems: ActivityItem[];
  initialCursor: string | null;
}) {
  const [items, setItems] = useState(initialItems);
  const [cursor, setCursor] = useState(initialCursor);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function loadMore() {
    if (!cursor) return;
    startTransition(async () => {
      const page = await loadMoreActivity(cursor);
      if ("error" in page) {
        setError(page.error);
        return;
      }
      setError(null);
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    });
  }

  if (items.length === 0) return <p className="mt-4 text-sm text-slate-500">No activity yet.</p>;
  return (
    <div className="mt-4">
      <ol aria-label="Security activity" className="divide-y divide-slate-200 rounded-xl border border-slate-200">
        {items.map((item) => (
          <li key={item.id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-start sm:justify-between">
            <div className="min-w-0">
              <p className="flex items-center gap-2 font-medium text-slate-900">
                <span
                  aria-hidden
                  className={`size-2 shrink-0 rounded-full ${item.tone === "warn" ? "bg-amber-500" : "bg-emerald-500"}`}
                />
                {item.label}
              </p>
              <p className="mt-0.5 text-sm break-words text-slate-600">
                {item.device}
                {item.ip && (
                  <span className="text-slate-500" aria-hidden="true">
                    {" "}
                    ·{" "}
                  </span>
                )}
                {item.ip && <span className="font-mono text-xs">{item.ip}</span>}
              </p>
            </div>
            <span className="shrink-0 text-sm text-slate-500 sm:text-right">
              <Time at={item.at} />
            </span>
          </li>
        ))}
      </ol>
      <div aria-live="polite" role="status" className="mt-3 text-sm text-red-700">
        {error}
      </div>
      {cursor && (
        <BusyButton
          variant="secondary"
          className="mt-2 w-full sm:w-auto"
          onClick={loadMore}
          busy={pending}
          busyLabel="Loading…"
        >
          Load more
        </BusyButton>
      )}
    </div>
  );
}
