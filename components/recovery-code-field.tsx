import { Field } from "./field";

/** The recovery-code input, as the two-factor sign-in step and the re-authentication prompt ask for it. */
export function RecoveryCodeField({ errors, autoFocus }: { errors?: string[]; autoFocus?: boolean }) {
  return (
    <Field
      label="Recovery code"
      name="recoveryCode"
      autoComplete="off"
      autoCapitalize="none"
      spellCheck={false}
      hint="One of the codes you saved when you set up two-factor, like abcd-efgh-jkmn. Each works once."
      required
      autoFocus={autoFocus}
      errors={errors}
    />
  );
}
