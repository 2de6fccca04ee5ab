"use client";

import { useState } from "react";

/**
 * The authenticator's side of two-factor set-up. On a phone the QR code is useless (the app is on the same
 * screen), so it leads with a link the authenticator app opens (`otpauth://`) and the key with a Copy button;
 * the QR code shows from the `sm` breakpoint up. The key stays in one `<code>` for people and tests to read.
 */
export function TotpSetupKey({ secret, qr, uri }: { secret: string; qr: string; uri: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <div className="space-y-5">
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>
          <span className="sm:hidden">Open the set-up in your authenticator app, or copy the key into it.</span>
          <span className="hidden sm:inline">
            Scan this QR code with your authenticator app, or type the key into it.
          </span>
        </li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <a
        href={uri}
        className="flex min-h-11 w-full items-center justify-center rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 sm:hidden"
      >
        Open in authenticator app
      </a>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server */}
        <img
          src={qr}
          alt="QR code to scan with your authenticator app"
          width={176}
          height={176}
          className="hidden size-44 shrink-0 rounded-lg border border-slate-200 bg-white p-1 sm:block"
        />
        <div className="min-w-0 flex-1 space-y-1 text-sm">
          <p id="totp-key-label" className="font-medium text-slate-800">
            Key for manual entry
          </p>
          <div className="flex items-stretch gap-2">
            <code className="block min-w-0 flex-1 rounded-lg bg-slate-100 px-3 py-2 font-mono text-sm tracking-wider break-all text-slate-900">
              {secret.replace(/(.{4})/g, "$1 ").trim()}
            </code>
            <button
              type="button"
              onClick={copy}
              aria-describedby="totp-key-label"
              className="shrink-0 rounded-lg border border-slate-300 bg-white px-3 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-100"
            >
              {copied === "yes" ? "Copied" : "Copy"}
            </button>
          </div>
          <p className="text-xs text-slate-500" role="status" aria-live="polite">
            {copied === "yes"
              ? "The key is on your clipboard."
              : copied === "failed"
                ? "Could not copy: select the key and copy it."
                : "Time-based, 6 digits, every 30 seconds."}
          </p>
        </div>
      </div>
    </div>
  );
}
