"use server";

import { clearRecoveryNotice } from "@/lib/auth/recovery-notice-cookie";
import { callerAction } from "@/lib/forms/action";

/** "Dismiss" on the recovery-code banner: the notice's cookie goes; the page renders again without it. */
export const dismissRecoveryNoticeAction = callerAction(async (): Promise<void> => {
  await clearRecoveryNotice();
});
