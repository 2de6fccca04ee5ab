import { SubmitButton } from "./submit-button";

/** Sign-out is a POST (a form), never a link a prefetch or an image tag could trigger. */
export function SignOutButton({ action }: { action: () => Promise<void> }) {
  return (
    <form action={action}>
      <SubmitButton variant="secondary" pendingLabel="Signing out…">
        Sign out
      </SubmitButton>
    </form>
  );
}
