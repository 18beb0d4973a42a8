/** Reads a JSON text column, tolerating drivers that hand back an already parsed value. */
export function readJson(value, fallback) {
    if (value === null || value === undefined)
        return fallback;
    if (typeof value !== 'string')
        return value;
    try {
        return JSON.parse(value);
    }
    catch {
        return fallback;
    }
}
/** Writes a JSON text column; `undefined` becomes SQL NULL. */
export function writeJson(value) {
    return value === undefined ? null : JSON.stringify(value);
}
//# sourceMappingURL=json.js.map