import { emailSignInConfirmSchema, emailSignInRequestSchema } from "../../auth/email-sign-in-schemas";
import { acceptedSchema } from "../../http/dto-schemas";
import { issuedSessionSchema } from "../../sessions/dto-schemas";
import { mfaChallengeSchema } from "../../two-factor/dto-schemas";
import { noToken, registry } from "../registry";
import { JSON_BODY_PROBLEMS, jsonResponse, problemResponses, problems } from "../responses";

const OFF = "Sign-in by email is turned off on this site (`EMAIL_SIGN_IN=false`).";

registry.registerPath({
  method: "post",
  path: "/api/sign-in/email",
  operationId: "requestEmailSignIn",
  security: noToken,
  tags: ["Sessions"],
  summary: "Email me a sign-in link and code",
  description:
    "`login` is the username or the email. When it names an account, one message goes to the account's address " +
    "with a link and an 8-digit code, both single use for 15 minutes; a newer request voids the older one. The " +
    "answer is the same whether or not an account exists. A link asked for here opens no session in any browser " +
    "(it works only in the browser whose page asked): a program uses the code with `POST /api/sign-in/email/confirm`. " +
    "Limited per address asked for (`LIMIT_EMAIL_SIGN_IN_ADDRESS`) and per client address (`LIMIT_EMAIL_SIGN_IN_IP`).",
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: emailSignInRequestSchema, example: { login: "ada@example.com" } } },
    },
  },
  responses: {
    202: jsonResponse("Accepted (whether or not an account exists).", acceptedSchema),
    ...problemResponses(...JSON_BODY_PROBLEMS, 429),
    404: { ...problems[404], description: OFF },
  },
});

registry.registerPath({
  method: "post",
  path: "/api/sign-in/email/confirm",
  operationId: "confirmEmailSignIn",
  security: noToken,
  tags: ["Sessions"],
  summary: "Sign in with the emailed code",
  description:
    "Answers as `POST /api/sessions`: 201 and a token, or with two-factor on 202 and a challenge for " +
    "`POST /api/sessions/mfa`. At most 5 wrong codes per message and per account per 15 minutes (a new message " +
    "keeps the account's count); past either even the right code is refused until a new message. The first " +
    "sign-in by email to an account whose address was not verified verifies it, removes the password set " +
    "before (the account then has none) and ends every other session.",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: emailSignInConfirmSchema,
          example: { login: "ada@example.com", code: "12345678" },
        },
      },
    },
  },
  responses: {
    201: jsonResponse("Signed in.", issuedSessionSchema),
    202: jsonResponse("The code is right; a second factor is owed.", mfaChallengeSchema),
    ...problemResponses(...JSON_BODY_PROBLEMS, 429),
    400: {
      ...problems[400],
      description:
        "`code: invalid_code`: the code is wrong, used or expired, or too many wrong codes were given (one answer " +
        "for all); or the body is not valid (`errors` names the field).",
    },
    403: { ...problems[403], description: "`code: account_disabled`: the code is right but the account is disabled." },
    404: { ...problems[404], description: OFF },
  },
});
