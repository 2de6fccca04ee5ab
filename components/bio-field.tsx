"use client";

import { useState } from "react";
import { TextArea } from "./text-area";

const MAX_WORDS = 500;
const countWords = (text: string) => text.trim().split(/\s+/u).filter(Boolean).length;

/** The bio textarea with a live word count; the server enforces the same limit. */
export function BioField({ defaultValue, errors }: { defaultValue?: string; errors?: string[] }) {
  const [bio, setBio] = useState(defaultValue ?? "");
  const words = countWords(bio);
  const over = words > MAX_WORDS;
  return (
    <TextArea
      label="Bio"
      name="bio"
      rows={5}
      value={bio}
      onChange={(e) => setBio(e.target.value)}
      errors={errors}
      hint={
        <span className="flex justify-between gap-2">
          <span>Plain text; line breaks are kept.</span>
          <span aria-live="polite" className={over ? "font-semibold text-red-700" : undefined}>
            {words} / {MAX_WORDS} words
          </span>
        </span>
      }
    />
  );
}
