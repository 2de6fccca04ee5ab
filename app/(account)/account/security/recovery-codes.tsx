"use client";

import { useEffect, useId, useRef, useState } from "react";
import { BusyButton } from "@/components/busy-button";
import { FormMessage } from "@/components/form-message";
import { SignOutElsewhere } from "./sign-out-elsewhere";

const HEADER = "Recovery codes for your Accounts account. Each works once.";

/**
 * Freshly made recovery codes, shown this once: copy, download or print them, then "I've saved these codes"
 * closes the list (`onSaved`). Until then the list stays, whatever else the person does on the panel.
 * Focus moves to the list's heading when it appears, so a screen reader hears the codes first.
 */
export function RecoveryCodes({
  codes,
  message,
  otherSessions,
  onSaved,
}: {
  codes: string[];
  message?: string;
  otherSessions: number;
  onSaved: () => void;
}) {
  const [done, setDone] = useState<"copied" | "downloaded" | "printed" | null>(null);
  const listId = useId();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const text = `${HEADER}\n\n${codes.join("\n")}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "recovery-codes.txt";
    a.click();
    URL.revokeObjectURL(url);
    setDone("downloaded");
  };
  const copy = async () => {
    await navigator.clipboard.writeText(codes.join("\n"));
    setDone("copied");
  };
  // Prints only the codes: a hidden frame of their own, not the whole page.
  const print = () => {
    const frame = document.createElement("iframe");
    frame.setAttribute("aria-hidden", "true");
    frame.style.cssText = "position:fixed;width:0;height:0;border:0;right:0;bottom:0";
    document.body.append(frame);
    const doc = frame.contentDocument!;
    const title = doc.createElement("h1");
    title.textContent = HEADER;
    title.style.cssText = "font:600 16px system-ui,sans-serif";
    const list = doc.createElement("pre");
    list.textContent = codes.join("\n");
    list.style.cssText = "font:16px/1.8 ui-monospace,monospace";
    doc.body.append(title, list);
    frame.contentWindow!.focus();
    frame.contentWindow!.print();
    setTimeout(() => frame.remove(), 1_000);
    setDone("printed");
  };
  return (
    <div className="space-y-4">
      <FormMessage status="success" message={message} />
      <h3
        id={headingId}
        ref={heading}
        tabIndex={-1}
        className="text-sm font-semibold text-slate-900 focus:outline-none"
      >
        Your new recovery codes
      </h3>
      <p className="text-sm text-slate-700">
        Each code signs you in once if you lose your phone. Keep them somewhere safe, away from this device: they are
        not shown again.
      </p>
      <ul
        id={listId}
        aria-labelledby={headingId}
        data-testid="recovery-codes"
        className="grid grid-cols-1 gap-2 rounded-lg border border-slate-200 bg-slate-50 p-4 font-mono text-sm text-slate-900 min-[400px]:grid-cols-2"
      >
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <div className="flex flex-col gap-3 sm:flex-row">
        <BusyButton variant="secondary" busy={false} busyLabel="" onClick={copy} aria-describedby={listId}>
          Copy codes
        </BusyButton>
        <BusyButton variant="secondary" busy={false} busyLabel="" onClick={download}>
          Download
        </BusyButton>
        <BusyButton variant="secondary" busy={false} busyLabel="" onClick={print}>
          Print
        </BusyButton>
      </div>
      <p className="text-sm text-slate-600" role="status" aria-live="polite">
        {done === "copied"
          ? "The codes are on your clipboard."
          : done === "downloaded"
            ? "Saved as recovery-codes.txt in your downloads."
            : done === "printed"
              ? "Sent to the printer."
              : ""}
      </p>
      <SignOutElsewhere others={otherSessions} />
      <div className="flex justify-end border-t border-slate-200 pt-4">
        <BusyButton busy={false} busyLabel="" onClick={onSaved}>
          I&apos;ve saved these codes
        </BusyButton>
      </div>
    </div>
  );
}
