import { describe, expect, it } from 'vitest';
import { isoToWall, wallToIso } from './timezones.js';

describe('schedule time zones', () => {
  it('converts wall-clock times in a zone to instants and back', () => {
    expect(wallToIso('2025-01-15T09:00', 'Europe/Paris')).toBe('2025-01-15T08:00:00.000Z');
    expect(wallToIso('2025-07-15T09:00', 'Europe/Paris')).toBe('2025-07-15T07:00:00.000Z');
    expect(wallToIso('2025-07-15T09:00', 'America/New_York')).toBe('2025-07-15T13:00:00.000Z');
    expect(isoToWall('2025-07-15T13:00:00.000Z', 'America/New_York')).toBe('2025-07-15T09:00');
    expect(isoToWall('2025-01-15T08:00:00.000Z', 'UTC')).toBe('2025-01-15T08:00');
  });

  it('answers nothing for empty or malformed input', () => {
    expect(wallToIso('', 'UTC')).toBeUndefined();
    expect(wallToIso('tomorrow', 'UTC')).toBeUndefined();
    expect(isoToWall(null, 'UTC')).toBe('');
  });
});
