"use client";

import { useEffect, useRef, useState } from "react";

const button =
  "inline-flex min-h-11 items-center justify-center rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm transition hover:bg-slate-100 sm:min-h-9";

/** A signing secret, this once: a read-only field, "Copy secret" (the clipboard) and what to do next. */
export function SecretShownOnce({ secret, children }: { secret: string; children?: React.ReactNode }) {
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      field.current?.select(); // no clipboard (permissions, http): selected for Ctrl+C instead
    }
  };
  return (
    <div
      role="region"
      aria-labelledby="webhook-secret-heading"
      className="space-y-3 rounded-xl border border-emerald-200 bg-emerald-50 p-4"
    >
      <h3 id="webhook-secret-heading" className="text-base font-semibold text-emerald-900">
        Signing secret
      </h3>
      <p className="text-sm text-emerald-900">
        Copy it now into the receiver: it will not be shown again. Receivers verify each delivery with it.
      </p>
      <label htmlFor="webhook-secret" className="sr-only">
        The signing secret
      </label>
      <textarea
        ref={field}
        id="webhook-secret"
        readOnly
        rows={2}
        spellCheck={false}
        value={secret}
        onFocus={(e) => e.target.select()}
        className="w-full resize-none rounded-lg border border-emerald-300 bg-white px-3 py-2 font-mono text-sm break-all text-slate-900"
      />
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={button} onClick={copy}>
          Copy secret
        </button>
        {children}
        <span aria-live="polite" className="text-sm text-emerald-900">
          {copied ? "Copied." : ""}
        </span>
      </div>
    </div>
  );
}
