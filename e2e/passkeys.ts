import { expect, type BrowserContext, type CDPSession, type Page } from "@playwright/test";

/**
 * Chromium's virtual authenticator (DevTools protocol `WebAuthn` domain) in one page: an internal
 * ("platform") authenticator that keeps resident keys and verifies the user, answering at once.
 */
export type VirtualAuthenticator = {
  cdp: CDPSession;
  id: string;
  credentials(): Promise<
    { credentialId: string; privateKey: string; userHandle?: string; signCount: number; rpId?: string }[]
  >;
};

export async function virtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    cdp,
    id: authenticatorId,
    credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
  };
}

/**
 * A browser without passkey autofill (conditional mediation), as some still are: the sign-in page
 * then offers only the button, so a test can press it without the autofill request answering first.
 */
export async function withoutAutofill(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    if (window.PublicKeyCredential)
      Object.defineProperty(window.PublicKeyCredential, "isConditionalMediationAvailable", {
        value: async () => false,
      });
  });
}

/**
 * "Add a passkey" on /account/security/passkeys (open there already). When the re-authentication window has
 * passed meanwhile, "Confirm it is you" opens in a dialog: the password is given, and the adding carries
 * on by itself.
 */
export async function addPasskey(page: Page, password: string, name?: string): Promise<void> {
  const panel = page.getByRole("region", { name: "Passkeys" });
  const before = await panel.getByRole("listitem").count();
  if (name) await panel.getByLabel("Name (optional)").fill(name);
  await panel.getByRole("button", { name: "Add a passkey" }).click();
  const prompt = page.getByRole("dialog", { name: "Confirm it is you" });
  const added = panel.getByText(/^Passkey “.*” added\./);
  await expect(added.or(prompt)).toBeVisible();
  if (await prompt.isVisible()) {
    await prompt.getByLabel("Password").fill(password);
    await prompt.getByRole("button", { name: "Confirm" }).click();
  }
  await expect(added).toBeVisible();
  await expect(panel.getByRole("listitem")).toHaveCount(before + 1);
}
