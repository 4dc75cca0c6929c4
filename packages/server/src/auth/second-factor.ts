import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

// Two-step sign-in with an authenticator app: time-based one-time codes (RFC 6238: six digits,
// a new one every 30 seconds, SHA-1 as every app supports), and recovery codes for a lost phone.

const PERIOD_SECONDS = 30;
/** How many recovery codes are handed out at once. */
export const RECOVERY_CODE_COUNT = 8;
/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function totp(secret: string, label = 'Ariadne'): TOTP {
  return new TOTP({ issuer: 'Ariadne', label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** A new random secret (160 bits), in base32 as the apps take it. */
export function newSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` address an app reads from the QR code. */
export function otpauthUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/** The QR code of that address as an SVG image. */
export async function qrCodeSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

/**
 * The time step of the code if it is right now or one step either side (clocks drift), else null.
 * The caller refuses a step not later than the last one accepted, so that a code serves once.
 */
export function codeStep(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

/** The code of a secret at a moment (for tests and for the set-up check). */
export function codeAt(secret: string, now: Date): string {
  return totp(secret).generate({ timestamp: now.getTime() });
}

/** Fresh recovery codes, written `ABCDE-FGHJK`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const letters = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${letters.slice(0, 5)}-${letters.slice(5)}`;
  });
}

/** What is kept of a recovery code: the SHA-256 of its letters, however it was typed. */
export function recoveryCodeDigest(code: string): string {
  return createHash('sha256')
    .update(code.toUpperCase().replace(/[^A-Z0-9]/g, ''))
    .digest('hex');
}

/** Tells whether what was typed looks like a recovery code rather than a six-digit code. */
export function looksLikeRecoveryCode(code: string): boolean {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '').length === 10;
}
