import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
/**
 * Password hashing with scrypt (node:crypto). Hashes are self-describing,
 * `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (base64url), so the cost can be raised later
 * without invalidating the passwords already stored.
 */
/** N = 2^15, r = 8, p = 1: OWASP's minimum for scrypt; about 32 MiB and tens of ms per hash. */
const COST = { logN: 15, r: 8, p: 1 };
const KEY_LENGTH = 64;
const SALT_BYTES = 16;
export const MIN_PASSWORD_LENGTH = 10;
/** Long enough for any passphrase or generated password, short enough to hash cheaply. */
export const MAX_PASSWORD_LENGTH = 512;
function derive(password, salt, logN, r, p) {
    const N = 2 ** logN;
    // scrypt needs 128 * N * r bytes; Node refuses above maxmem (32 MiB by default), so leave room.
    const options = { N, r, p, maxmem: 256 * N * r };
    return new Promise((resolve, reject) => {
        scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => error ? reject(error) : resolve(key));
    });
}
export async function hashPassword(password) {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, COST.logN, COST.r, COST.p);
    const { logN, r, p } = COST;
    return `scrypt$${logN}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}
/** Whether the password matches the stored hash; compares in constant time. */
export async function verifyPassword(password, stored) {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt')
        return false;
    const [logN, r, p] = parts.slice(1, 4).map(Number);
    if (![logN, r, p].every((n) => Number.isInteger(n) && n > 0) || logN > 22)
        return false;
    const expected = Buffer.from(parts[5], 'base64url');
    const key = await derive(password, Buffer.from(parts[4], 'base64url'), logN, r, p);
    return expected.length === key.length && timingSafeEqual(expected, key);
}
let dummyHash;
/**
 * Spends the time a real verification would, for a login with an unknown email, so that response
 * times do not tell which addresses have accounts.
 */
export async function burnVerification(password) {
    dummyHash ??= hashPassword('herald-timing-equaliser');
    await verifyPassword(password, await dummyHash);
}
//# sourceMappingURL=passwords.js.map