/**
 * Wall-clock times in a named time zone, for the schedule: the API stores instants (ISO UTC);
 * people think in "9:00 in Paris". `<input type="datetime-local">` speaks `YYYY-MM-DDTHH:mm`.
 */

export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function allZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

/** The zone's offset from UTC at `instant`, in milliseconds. */
function offsetAt(zone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** `2025-03-01T09:00` in `zone` → ISO instant; undefined for an empty or invalid value. */
export function wallToIso(wall: string, zone: string): string | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)$/.exec(wall);
  if (!m) return undefined;
  const guess = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  // Two passes settle the offset across a daylight-saving change.
  let instant = guess - offsetAt(zone, guess);
  instant = guess - offsetAt(zone, instant);
  return new Date(instant).toISOString();
}

/** ISO instant → `YYYY-MM-DDTHH:mm` as the clock reads in `zone`. */
export function isoToWall(iso: string | null | undefined, zone: string): string {
  if (!iso) return '';
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return '';
  const local = new Date(instant + offsetAt(zone, instant));
  return local.toISOString().slice(0, 16);
}
