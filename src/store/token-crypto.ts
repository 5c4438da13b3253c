import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Tokens encrypted at rest (issue 13): AES-256-GCM with TOKEN_ENCRYPTION_KEY, a fresh random 12-byte nonce per
 * value, stored as text that says how it was made:
 *
 *   v1:<nonce, base64>:<ciphertext followed by the 16-byte tag, base64>
 *
 * The version lets a later format (or key rotation) tell old values from new ones. Associated data binds a
 * value to where it belongs (an installation and a column), so a ciphertext copied to another row or column
 * does not decrypt there.
 */

/** TOKEN_ENCRYPTION_KEY's length: AES-256. */
export const TOKEN_KEY_BYTES = 32;
const FORMAT = 'v1';
/** GCM's recommended nonce length; random nonces of this size are safe for far more values than we store. */
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A stored value that cannot be decrypted; the message never contains the value. */
export class TokenDecryptError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TokenDecryptError';
  }
}

/** Base64 that decodes to exactly what it says: Node's decoder skips stray characters and unused bits. */
function strictBase64(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** Encrypts and decrypts tokens with one key, held in a private field so that logging the cipher shows no key. */
export class TokenCipher {
  readonly #key: Buffer;

  constructor(key: Uint8Array) {
    if (key.length !== TOKEN_KEY_BYTES) {
      throw new RangeError(`A token encryption key is ${TOKEN_KEY_BYTES} bytes, not ${key.length}`);
    }
    this.#key = Buffer.from(key);
  }

  /** `plaintext` sealed with a new nonce: two encryptions of the same value differ. */
  encrypt(plaintext: string, associatedData = ''): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${FORMAT}:${nonce.toString('base64')}:${sealed.toString('base64')}`;
  }

  /**
   * The plaintext of a value `encrypt` made with the same key and associated data; throws a `TokenDecryptError`
   * for anything else (another key, other associated data, a changed character, not this format). `what` names
   * the value in that error's message, such as "The bot token of installation team:T123".
   */
  decrypt(text: string, associatedData = '', what = 'A stored token'): string {
    const failed = (why: string, cause?: unknown) =>
      new TokenDecryptError(
        `${what} could not be decrypted: ${why}`,
        cause === undefined ? undefined : { cause },
      );
    const [format, nonceText, sealedText, ...rest] = text.split(':');
    if (format !== FORMAT || nonceText === undefined || sealedText === undefined || rest.length > 0) {
      throw failed(`it is not in the ${FORMAT}:<nonce>:<ciphertext> format`);
    }
    const nonce = strictBase64(nonceText);
    const sealed = strictBase64(sealedText);
    if (nonce?.length !== NONCE_BYTES || sealed === undefined || sealed.length < TAG_BYTES) {
      throw failed('its nonce or ciphertext is malformed');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.#key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      const plain = Buffer.concat([
        decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return plain.toString('utf8');
    } catch (error) {
      throw failed(
        'it does not authenticate (it was encrypted with another key, belongs to another row, or was altered)',
        error,
      );
    }
  }
}
