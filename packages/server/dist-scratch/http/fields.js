import { invalid } from '../errors.js';
export function object(value, field) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw invalid(field, 'must be an object');
    }
    return value;
}
export function array(value, field, min, max) {
    if (!Array.isArray(value))
        throw invalid(field, 'must be an array');
    if (value.length < min) {
        throw invalid(field, `must hold at least ${min} item${min > 1 ? 's' : ''}`);
    }
    if (value.length > max)
        throw invalid(field, `must hold at most ${max} items`);
    return value;
}
/** A string of at most `max` characters, not blank unless `min` is 0, with no NUL. */
export function text(value, field, max, min = 1) {
    if (typeof value !== 'string')
        throw invalid(field, 'must be a string');
    if (value.trim().length < min) {
        throw invalid(field, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
    }
    if (value.length > max)
        throw invalid(field, `must be at most ${max} characters`);
    if (value.includes('\u0000'))
        throw invalid(field, 'must not contain NUL characters');
    return value;
}
export function integer(value, field, min, max) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        throw invalid(field, `must be a whole number from ${min} to ${max}`);
    }
    return value;
}
export function boolean(value, field) {
    if (typeof value !== 'boolean')
        throw invalid(field, 'must be true or false');
    return value;
}
export function oneOf(value, field, allowed) {
    if (typeof value !== 'string' || !allowed.includes(value)) {
        throw invalid(field, `must be one of ${allowed.join(', ')}`);
    }
    return value;
}
//# sourceMappingURL=fields.js.map