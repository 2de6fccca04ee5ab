"use server";

import { revalidatePath } from "next/cache";
import { formAnswers, signedInAction } from "@/lib/forms/action";
import { formError, type FormState } from "@/lib/forms/state";
import { followAccount, unfollowAccount } from "@/lib/follows/follow";

/** The profile's "Follow" / "Unfollow" button: the same lib calls as `PUT`/`DELETE /api/users/{username}/follow`. */
export const setFollowingAction = signedInAction(
  formAnswers,
  async ({ caller, client }, username: string, follow: boolean): Promise<FormState> => {
    const name = String(username);
    const result = follow
      ? await followAccount(caller.user.id, name, client)
      : await unfollowAccount(caller.user.id, name);
    if (!result.ok) return formError(result.error);
    revalidatePath(`/u/${encodeURIComponent(name)}`, "layout");
    revalidatePath("/feed");
    return { status: "success", message: follow ? `You follow @${name}.` : `You no longer follow @${name}.` };
  },
);
