"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { signedInFormAction } from "@/lib/forms/action";
import { createPost } from "@/lib/posts/create";
import { deletePost } from "@/lib/posts/delete";
import { updatePost } from "@/lib/posts/update";

// Each action hands the caller to lib/posts, which checks verification, ownership and the limit:
// a replayed action with another account's session is refused there, not by the page that showed the form.

export const createPostAction = signedInFormAction(
  { fields: ["title", "body", "organization"] },
  async (input, { caller, client }) => {
    const result = await createPost(caller, input, client);
    if (!result.ok) return result;
    revalidatePath("/", "layout");
    redirect(`/posts/${result.value.id}`);
  },
);

export const updatePostAction = signedInFormAction(
  { fields: ["id", "title", "body"] },
  async ({ id, ...input }, { caller }) => {
    const result = await updatePost(caller, id, input);
    if (!result.ok) return result;
    revalidatePath("/", "layout");
    redirect(`/posts/${result.value.id}`);
  },
);

export const deletePostAction = signedInFormAction({ fields: ["id"] }, async ({ id }, { caller, client }) => {
  const result = await deletePost(caller, id, client);
  if (!result.ok) return result;
  revalidatePath("/", "layout");
  const { byAdmin, organization } = result.value;
  if (organization) redirect(`/organizations/${organization}/posts?deleted=1`);
  redirect(byAdmin ? "/?removed=1" : `/u/${caller.user.username}?deleted=1`);
});
