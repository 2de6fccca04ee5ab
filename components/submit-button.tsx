"use client";

import { useFormStatus } from "react-dom";
import { BusyButton, type ButtonVariant } from "./busy-button";

/** A submit button that says it is working while its form's action runs. */
export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
}: {
  children: React.ReactNode;
  pendingLabel: string;
  variant?: ButtonVariant;
}) {
  const { pending } = useFormStatus();
  return (
    <BusyButton type="submit" busy={pending} busyLabel={pendingLabel} variant={variant}>
      {children}
    </BusyButton>
  );
}
