"use client";

import { useState } from "react";
import { BusyButton } from "@/components/busy-button";
import { FormMessage } from "@/components/form-message";
import { ReauthDialog } from "@/app/_reauth/reauth-dialog";
import { useReauthRetry } from "@/app/_reauth/use-reauth-action";

type Note = { status: "error" | "success"; message: string } | null;

const UNREACHABLE = "The service could not be reached. Check your connection and try again.";

/** The attachment's name from `Content-Disposition`, else a plain one. */
function filenameOf(response: Response): string {
  const named = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1];
  return named ?? "account-data.json";
}

/**
 * "Download your data": `GET /api/users/me/export` with the page's own session cookie; a refusal for want of a
 * fresh proof opens "Confirm it is you" and then carries on; the answer is saved as the JSON file it names.
 */
export function DownloadData(props: { totp: boolean; hasPassword: boolean; passkey: boolean; username: string }) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const { ask, reauth } = useReauthRetry();

  const download = async () => {
    setBusy(true);
    setNote(null);
    try {
      const response = await fetch("/api/users/me/export", { credentials: "same-origin" });
      if (response.ok) {
        const url = URL.createObjectURL(await response.blob());
        const name = filenameOf(response);
        const a = document.createElement("a");
        a.href = url;
        a.download = name;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        setNote({ status: "success", message: `Your data is downloaded (${name}). We emailed you that it was.` });
        return;
      }
      const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
      if (problem.code === "reauthentication_required") ask(() => void download());
      else setNote({ status: "error", message: problem.detail ?? "Something went wrong. Try again." });
    } catch {
      setNote({ status: "error", message: UNREACHABLE });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-3">
      <ReauthDialog
        {...reauth}
        totp={props.totp}
        password={props.hasPassword}
        passkey={props.passkey}
        username={props.username}
        description="Downloading your data needs a fresh proof that it is you. Then it carries on."
      />
      <FormMessage status={note?.status ?? "idle"} message={note?.message} />
      <BusyButton variant="secondary" busy={busy} busyLabel="Preparing…" onClick={() => void download()}>
        Download your data
      </BusyButton>
    </div>
  );
}
