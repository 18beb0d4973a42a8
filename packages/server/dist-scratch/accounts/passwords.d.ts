export declare const MIN_PASSWORD_LENGTH = 10;
/** Long enough for any passphrase or generated password, short enough to hash cheaply. */
export declare const MAX_PASSWORD_LENGTH = 512;
export declare function hashPassword(password: string): Promise<string>;
/** Whether the password matches the stored hash; compares in constant time. */
export declare function verifyPassword(password: string, stored: string): Promise<boolean>;
/**
 * Spends the time a real verification would, for a login with an unknown email, so that response
 * times do not tell which addresses have accounts.
 */
export declare function burnVerification(password: string): Promise<void>;
//# sourceMappingURL=passwords.d.ts.map