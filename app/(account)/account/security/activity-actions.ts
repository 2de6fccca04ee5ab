"use server";

import { signedInAction } from "@/lib/forms/action";
import { listEvents } from "@/lib/security/events";
import { toActivityItem, type ActivityItem } from "./activity-item";

export type ActivityPage = { items: ActivityItem[]; nextCursor: string | null } | { error: string };

/** "Load more": the signed-in person's next page of events (never anyone else's). */
export const loadMoreActivity = signedInAction(
  { signedOut: (error): ActivityPage => ({ error }), unavailable: (error): ActivityPage => ({ error }) },
  async ({ caller }, cursor: string): Promise<ActivityPage> => {
    const page = await listEvents(caller.user.id, { cursor, limit: 20 });
    if (!page.ok) return { error: "Could not load more activity." };
    return { items: page.value.events.map((e) => toActivityItem(e)), nextCursor: page.value.nextCursor };
  },
);
