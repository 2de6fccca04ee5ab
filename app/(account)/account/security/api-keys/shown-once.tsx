"use client";

import { useEffect, useRef, useState } from "react";
import type { CreatedApiKey } from "@/lib/api-keys/dto-schemas";

const button =
  "inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm transition hover:bg-slate-100";

/** The new key, this once: a read-only field, "Copy" (the clipboard) and "Done" (forgets it). */
export function ShownOnce({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied(true);
    } catch {
      field.current?.select(); // no clipboard (permissions, http): selected for Ctrl+C instead
    }
  };

  return (
    <div
      role="region"
      aria-labelledby="new-key-heading"
      className="space-y-3 rounded-xl border border-emerald-200 bg-emerald-50 p-4"
    >
      <h3 id="new-key-heading" className="text-base font-semibold text-emerald-900">
        Your new key &ldquo;{created.apiKey.name}&rdquo;
      </h3>
      <p className="text-sm text-emerald-900">Copy it now: it will not be shown again.</p>
      <label htmlFor="new-key" className="sr-only">
        The new API key
      </label>
      <textarea
        ref={field}
        id="new-key"
        readOnly
        rows={2}
        spellCheck={false}
        value={created.key}
        onFocus={(e) => e.target.select()}
        className="w-full resize-none rounded-lg border border-emerald-300 bg-white px-3 py-2 font-mono text-sm break-all text-slate-900"
      />
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={button} onClick={copy}>
          Copy
        </button>
        <button type="button" className={button} onClick={onDone}>
          Done
        </button>
        <span aria-live="polite" className="text-sm text-emerald-900">
          {copied ? "Copied." : ""}
        </span>
      </div>
    </div>
  );
}
