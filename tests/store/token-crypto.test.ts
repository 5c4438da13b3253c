import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOKEN_KEY_BYTES, TokenCipher, TokenDecryptError } from '../../src/store/token-crypto.ts';

const KEY = Buffer.alloc(TOKEN_KEY_BYTES, 7);
const cipher = new TokenCipher(KEY);
const TOKEN = 'xoxb-1111-2222-SECRETtokenvalue';

const keys = fc.uint8Array({ minLength: TOKEN_KEY_BYTES, maxLength: TOKEN_KEY_BYTES });
/** Tokens as Slack makes them, and any other text (empty, non-ASCII). */
const tokens = fc.oneof(fc.stringMatching(/^xox[bpe]-[A-Za-z0-9-]{1,80}$/), fc.string({ unit: 'grapheme' }));
const associatedData = fc.string({ maxLength: 40 });

function decryptError(run: () => unknown): TokenDecryptError {
  try {
    run();
  } catch (error) {
    if (error instanceof TokenDecryptError) return error;
    throw error;
  }
  throw new Error('expected a TokenDecryptError');
}

describe('TokenCipher', () => {
  it('gives back what it encrypted, with the same key and associated data', () => {
    fc.assert(
      fc.property(keys, tokens, associatedData, (key, token, ad) => {
        const c = new TokenCipher(key);
        expect(c.decrypt(c.encrypt(token, ad), ad)).toBe(token);
      }),
    );
  });

  it('writes v1:<12-byte nonce>:<ciphertext and 16-byte tag> in base64, never the token itself', () => {
    const sealed = cipher.encrypt(TOKEN, 'team:T1:bot_token');
    const [format, nonce, body] = sealed.split(':');
    expect(format).toBe('v1');
    expect(Buffer.from(nonce as string, 'base64')).toHaveLength(12);
    expect(Buffer.from(body as string, 'base64')).toHaveLength(Buffer.byteLength(TOKEN) + 16);
    expect(sealed).not.toContain('SECRET');
  });

  it('never encrypts the same token the same way twice (a fresh nonce each time)', () => {
    fc.assert(
      fc.property(tokens, (token) => {
        const a = cipher.encrypt(token, 'x');
        const b = cipher.encrypt(token, 'x');
        expect(a).not.toBe(b);
        expect(a.split(':')[1]).not.toBe(b.split(':')[1]);
      }),
    );
  });

  it('refuses a value with any one character changed', () => {
    fc.assert(
      fc.property(
        tokens,
        fc.nat(),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=:v'),
        (token, at, replacement) => {
          const sealed = cipher.encrypt(token, 'ad');
          const i = at % sealed.length;
          fc.pre(sealed[i] !== replacement);
          const tampered = sealed.slice(0, i) + replacement + sealed.slice(i + 1);
          expect(() => cipher.decrypt(tampered, 'ad')).toThrow(TokenDecryptError);
        },
      ),
    );
  });

  it('refuses a value with any bit of its nonce, ciphertext or tag flipped', () => {
    fc.assert(
      fc.property(tokens, fc.nat(), fc.integer({ min: 0, max: 7 }), (token, at, bit) => {
        const [format, nonce, body] = cipher.encrypt(token, 'ad').split(':') as [string, string, string];
        const bytes = Buffer.concat([Buffer.from(nonce, 'base64'), Buffer.from(body, 'base64')]);
        const i = at % bytes.length;
        bytes[i] = (bytes[i] as number) ^ (1 << bit);
        const tampered = `${format}:${bytes.subarray(0, 12).toString('base64')}:${bytes.subarray(12).toString('base64')}`;
        expect(() => cipher.decrypt(tampered, 'ad')).toThrow(TokenDecryptError);
      }),
    );
  });

  it('refuses another key or other associated data (a token moved to another row)', () => {
    fc.assert(
      fc.property(keys, tokens, (key, token) => {
        fc.pre(!Buffer.from(key).equals(KEY));
        const sealed = cipher.encrypt(token, 'team:T1:bot_token');
        expect(() => new TokenCipher(key).decrypt(sealed, 'team:T1:bot_token')).toThrow(TokenDecryptError);
        expect(() => cipher.decrypt(sealed, 'team:T2:bot_token')).toThrow(TokenDecryptError);
      }),
    );
  });

  it('says what could not be decrypted and why, never the value', () => {
    const sealed = new TokenCipher(Buffer.alloc(32, 9)).encrypt(TOKEN, 'a');
    const wrongKey = decryptError(() => cipher.decrypt(sealed, 'a', 'The bot token of installation team:T1'));
    expect(wrongKey.message).toMatch(
      /^The bot token of installation team:T1 could not be decrypted: .*another key/,
    );
    expect(wrongKey.message).not.toContain(sealed);
    const plain = decryptError(() => cipher.decrypt(TOKEN));
    expect(plain.message).toMatch(/not in the v1:<nonce>:<ciphertext> format/);
    expect(plain.message).not.toContain('SECRET');
    expect(decryptError(() => cipher.decrypt('v1:AAAA:AAAA')).message).toMatch(/malformed/);
  });

  it('takes only a 32-byte key, and does not show it when inspected', () => {
    expect(() => new TokenCipher(Buffer.alloc(16))).toThrow(RangeError);
    expect(
      inspect(new TokenCipher(Buffer.from('SECRETkey'.padEnd(32, '!'))), { showHidden: true }),
    ).not.toContain('SECRET');
  });
});
