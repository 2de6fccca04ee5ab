import "server-only";

export type TwoFactorState = { totp: boolean; recoveryCodesLeft: number };

/**
 * The two-factor state of each account, for the console. PLACEHOLDER until issue 14 (two-factor)
 * merges: nobody has two-factor yet. The lead swaps this one function for a query of issue 14's tables.
 */
export async function twoFactorStates(userIds: readonly string[]): Promise<Map<string, TwoFactorState>> {
  return new Map(userIds.map((id) => [id, { totp: false, recoveryCodesLeft: 0 }]));
}
