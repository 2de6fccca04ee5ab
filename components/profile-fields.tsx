"use client";

import { BioField } from "./bio-field";
import { Field } from "./field";

type Values = { displayName?: string; avatarUrl?: string; bio?: string };
type Errors = { displayName?: string[]; avatarUrl?: string[]; bio?: string[] };

/** The optional profile: display name, avatar URL and bio (with its live word count), as at sign-up and on the profile page. */
export function ProfileFields({ values, errors, bioKey }: { values: Values; errors: Errors; bioKey?: string }) {
  return (
    <>
      <Field
        label="Display name"
        name="displayName"
        autoComplete="name"
        defaultValue={values.displayName}
        errors={errors.displayName}
      />
      <Field
        label="Avatar URL"
        name="avatarUrl"
        type="url"
        inputMode="url"
        placeholder="https://…"
        defaultValue={values.avatarUrl}
        errors={errors.avatarUrl}
      />
      <BioField key={bioKey} defaultValue={values.bio} errors={errors.bio} />
    </>
  );
}
