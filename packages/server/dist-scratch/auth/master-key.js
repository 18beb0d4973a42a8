import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HeraldError } from '../errors.js';
import { safeEqual } from './constant-time.js';
const KEY_FILE = 'master.key';
/**
 * The admin API's master key: `HERALD_MASTER_KEY` when set, else the key stored in the data
 * directory, else a new random key written there (readable by the owner only).
 */
export function resolveMasterKey(configured, dataDir) {
    if (configured)
        return { key: configured, generated: false };
    const file = join(dataDir, KEY_FILE);
    try {
        return { key: readFileSync(file, 'utf8').trim(), generated: false };
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            throw error;
    }
    mkdirSync(dataDir, { recursive: true });
    const key = `hk_${randomBytes(24).toString('base64url')}`;
    try {
        writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    }
    catch (error) {
        // Another process created it between our read and write: theirs is the key.
        if (error.code === 'EEXIST') {
            return { key: readFileSync(file, 'utf8').trim(), generated: false };
        }
        throw error;
    }
    return { key, generated: true };
}
/** Throws `unauthorized` unless the request carries `Authorization: Bearer <master key>`. */
export function requireMasterKey(request, masterKey) {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
    if (!match || !safeEqual(match[1].trim(), masterKey)) {
        throw new HeraldError('unauthorized', 'Send the master key as "Authorization: Bearer <key>"');
    }
}
//# sourceMappingURL=master-key.js.map