import { Field } from "./field";

/** "New password" and its confirmation, named as the change and reset actions read them. */
export function NewPasswordFields({ errors }: { errors?: { newPassword?: string[]; confirmPassword?: string[] } }) {
  return (
    <>
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters, not a common password."
        errors={errors?.newPassword}
      />
      <Field
        label="Confirm new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={errors?.confirmPassword}
      />
    </>
  );
}
