import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    /** The raw token of the session row opened by authorize(); lives only inside the encrypted JWT. */
    sessionToken?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}
