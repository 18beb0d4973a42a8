/**
 * A random UUID v4. `crypto.randomUUID` exists only in secure contexts, and plain-http sites use
 * Herald too, so the bytes come from `getRandomValues` (or, in very old browsers, Math.random).
 *
 * @example
 * uuid(); // '3b241101-e2bb-4255-8caf-4136c566a962'
 */
export function uuid(): string {
  const bytes = new Uint8Array(16);
  try {
    crypto.getRandomValues(bytes);
  } catch {
    for (let i = 0; i < 16; i++) bytes[i] = (Math.random() * 256) | 0;
  }
  let hex = '';
  for (let i = 0; i < 16; i++) {
    // Version 4 in the high nibble of byte 6, variant 10xx in byte 8.
    const byte = i === 6 ? (bytes[i]! & 15) | 64 : i === 8 ? (bytes[i]! & 63) | 128 : bytes[i]!;
    hex +=
      (i === 4 || i === 6 || i === 8 || i === 10 ? '-' : '') + (byte + 256).toString(16).slice(1);
  }
  return hex;
}
