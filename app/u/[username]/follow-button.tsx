"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { BusyButton } from "@/components/busy-button";
import { NETWORK_FAILED } from "@/lib/messages";
import { setFollowingAction } from "./actions";

/**
 * "Follow" / "Unfollow" on a profile. While the request runs the button is busy (disabled, a spinner and
 * "Following…"/"Unfollowing…"); then the page is refreshed, so the counts and the button come from the server.
 * A refusal (the follow limit, a signed-out session) is said beside it, in a live region.
 */
export function FollowButton({ username, following }: { username: string; following: boolean }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const router = useRouter();
  const toggle = () =>
    startTransition(async () => {
      setError(null);
      try {
        const state = await setFollowingAction(username, !following);
        if (state.status === "error") setError(state.message ?? "Something went wrong. Try again.");
        else router.refresh();
      } catch {
        setError(NETWORK_FAILED);
      }
    });
  return (
    <div className="flex flex-col items-center gap-2 sm:items-start">
      <BusyButton
        busy={pending}
        busyLabel={following ? "Unfollowing…" : "Following…"}
        variant={following ? "secondary" : "primary"}
        onClick={toggle}
      >
        {following ? "Unfollow" : "Follow"}
      </BusyButton>
      <p role="status" aria-live="polite" className="text-sm text-red-700 empty:hidden">
        {error}
      </p>
    </div>
  );
}
