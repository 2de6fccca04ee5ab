/** The product's name, as mail, the authenticator app and passkey prompts show it. */
export const PRODUCT = "Accounts";
