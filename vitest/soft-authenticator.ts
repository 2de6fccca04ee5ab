import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

/**
 * A software authenticator for tests that cannot drive Chromium's virtual one (vitest), and for the
 * e2e answers a browser would never send (another origin, a counter gone back): it makes real
 * WebAuthn answers — "none" attestation, ES256 keys, signatures over authenticatorData ‖ SHA-256(clientDataJSON) —
 * that @simplewebauthn/server verifies like a browser's. It can also sign with a key taken out of
 * Chromium's virtual authenticator (CDP WebAuthn.getCredentials gives its PKCS#8 private key).
 */
type Credential = { id: string; key: KeyObject; userHandle: string; counter: number; alg: "es256" | "eddsa" };

const b64url = (bytes: Buffer | Uint8Array) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest();

/** Just enough CBOR for an attestation object and a COSE key: maps, byte and text strings, integers. */
function cbor(value: unknown): Buffer {
  const head = (major: number, n: number) => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 256) return Buffer.from([(major << 5) | 24, n]);
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(n, 1);
    return b;
  };
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  if (value instanceof Map)
    return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
  throw new Error(`cbor: cannot encode ${typeof value}`);
}

const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

export type CreationOptions = { challenge: string; rp: { id?: string }; user: { id: string } };
export type RequestOptions = { challenge: string; rpId?: string };

export class SoftAuthenticator {
  readonly credentials = new Map<string, Credential>();
  constructor(private readonly site: { origin: string; rpId: string }) {}

  /** A credential Chromium's virtual authenticator made, by its CDP `getCredentials` entry. */
  adopt(entry: { credentialId: string; privateKey: string; userHandle?: string; signCount: number }) {
    const key = createPrivateKey({ key: Buffer.from(entry.privateKey, "base64"), format: "der", type: "pkcs8" });
    const id = Buffer.from(entry.credentialId, "base64").toString("base64url");
    this.credentials.set(id, {
      id,
      key,
      userHandle: entry.userHandle ? Buffer.from(entry.userHandle, "base64").toString("base64url") : "",
      counter: entry.signCount,
      alg: key.asymmetricKeyType === "ed25519" ? "eddsa" : "es256",
    });
    return id;
  }

  /** navigator.credentials.create(): a new ES256 credential, answered with "none" attestation. */
  register(options: CreationOptions, opts: { origin?: string; userVerified?: boolean } = {}) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = publicKey.export({ format: "jwk" });
    const coseKey = cbor(
      new Map<number, unknown>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, "base64url")],
        [-3, Buffer.from(jwk.y!, "base64url")],
      ]),
    );
    const rawId = randomBytes(32);
    const id = b64url(rawId);
    this.credentials.set(id, { id, key: privateKey, userHandle: options.user.id, counter: 0, alg: "es256" });
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(rawId.length);
    const authData = Buffer.concat([
      sha256(options.rp.id ?? this.site.rpId),
      Buffer.from([UP | AT | (opts.userVerified === false ? 0 : UV)]),
      Buffer.alloc(4),
      Buffer.alloc(16), // AAGUID: none
      idLength,
      rawId,
      coseKey,
    ]);
    const clientDataJSON = JSON.stringify({
      type: "webauthn.create",
      challenge: options.challenge,
      origin: opts.origin ?? this.site.origin,
      crossOrigin: false,
    });
    return {
      id,
      rawId: id,
      type: "public-key" as const,
      response: {
        clientDataJSON: b64url(Buffer.from(clientDataJSON)),
        attestationObject: b64url(
          cbor(
            new Map<string, unknown>([
              ["fmt", "none"],
              ["attStmt", new Map()],
              ["authData", authData],
            ]),
          ),
        ),
        transports: ["internal"],
      },
      clientExtensionResults: {},
    };
  }

  /**
   * navigator.credentials.get() with credential `id` (default: the first): the counter goes up by one
   * unless `counter` says what to report; `origin`, `rpId` and `userVerified` forge what a browser would not.
   */
  assert(
    options: RequestOptions,
    opts: { id?: string; origin?: string; rpId?: string; counter?: number; userVerified?: boolean } = {},
  ) {
    const credential = opts.id ? this.credentials.get(opts.id) : [...this.credentials.values()][0];
    if (!credential) throw new Error("no such credential");
    credential.counter = opts.counter ?? credential.counter + 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(credential.counter);
    const authData = Buffer.concat([
      sha256(opts.rpId ?? options.rpId ?? this.site.rpId),
      Buffer.from([UP | (opts.userVerified === false ? 0 : UV)]),
      counter,
    ]);
    const clientDataJSON = Buffer.from(
      JSON.stringify({
        type: "webauthn.get",
        challenge: options.challenge,
        origin: opts.origin ?? this.site.origin,
        crossOrigin: false,
      }),
    );
    const signed = Buffer.concat([authData, sha256(clientDataJSON)]);
    const signature = sign(credential.alg === "eddsa" ? null : "sha256", signed, credential.key);
    return {
      id: credential.id,
      rawId: credential.id,
      type: "public-key" as const,
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: credential.userHandle || undefined,
      },
      clientExtensionResults: {},
    };
  }
}
