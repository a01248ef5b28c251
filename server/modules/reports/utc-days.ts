// UTC day arithmetic for reports: every report day and month is a UTC one.

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export const floorUtcHour = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
export const ceilUtcHour = (at: Date) => new Date(Math.ceil(at.getTime() / HOUR_MS) * HOUR_MS);
export const addHours = (at: Date, hours: number) => new Date(at.getTime() + hours * HOUR_MS);

export const floorUtcDay = (at: Date) => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
export const ceilUtcDay = (at: Date) => new Date(Math.ceil(at.getTime() / DAY_MS) * DAY_MS);
export const addUtcDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS);
export const startOfUtcMonth = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
export const addUtcMonths = (at: Date, months: number) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1));

/** "2026-12-04" of a UTC midnight (or of the day an instant falls on). */
export const isoDay = (at: Date) => at.toISOString().slice(0, 10);
/** "2026-12" */
export const isoMonth = (at: Date) => at.toISOString().slice(0, 7);

/** The UTC midnight starting "2026-12-04". */
export const utcDayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);
