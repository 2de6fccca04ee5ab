"use server";

import { revalidatePath } from "next/cache";
import { formAnswers, signedInAction } from "@/lib/forms/action";
import { formError, type FormState } from "@/lib/forms/state";
import { followAccount, unfollowAccount } from "@/lib/follows/follow";

/** The profile's "Follow" / "Unfollow" button: the same lib calls as `PUT`/`DELETE /api/users/{username}/follow`. */
export const setFollowingAction = signedInAction(
  formAnswers,
  async ({ caller, client }, username: string, wanted: boolean): Promise<FormState> => {
    const follow = wanted === true; // the arguments come from the browser: anything but true is an unfollow
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
