/**
 * Dates and times as people read them: the one place where pages, mails, the documents (PDF) and
 * the outbox turn an instant into words. Two rules hold everywhere:
 *
 * - An instant is shown in the **body's time zone**, never the server's or the browser's: a meeting
 *   at 10:00 in Mexico City reads 10:00 wherever the reader sits (and the page the server renders
 *   is the page the browser hydrates). A calendar day with no time ('2026-12-01') is a day, not an
 *   instant, and is shown as that day.
 * - Spanish (es-MX, first) writes hours on the **24-hour clock** ("23:59"), as Mexican official
 *   documents do ("a las 10:00 horas"); es-MX's 12-hour form "11:59 p.m." ends with its own period
 *   and made "… a más tardar el lunes 7, 11:59 p.m.." at the end of a sentence. English keeps
 *   "11:59 PM", which ends with no period either.
 *
 * Formatters are built once per (locale, style, zone) and reused: pages format long lists.
 */
// Relative, not $lib: the socket server and the documents import this module outside SvelteKit.
import { getLocale } from '../paraglide/runtime';
import { startOfLocalDay } from '../rules/local-dates';

/** An instant as the database, JSON or a form gives it. */
export type Instant = Date | string | number;
/** A calendar day, 'YYYY-MM-DD'. */
export type CalendarDay = string;
export type DateStyle = 'full' | 'long' | 'medium' | 'short';

/** The zone a body uses when it has configured none; also the instance's, for the outbox. */
export const DEFAULT_TIME_ZONE = 'America/Mexico_City';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale}|${JSON.stringify(options)}`;
	let found = cache.get(key);
	if (!found) {
		found = new Intl.DateTimeFormat(locale, options);
		cache.set(key, found);
	}
	return found;
}

/** Spanish on the 24-hour clock, English on the 12-hour one (see the header). */
function clock(locale: string): Pick<Intl.DateTimeFormatOptions, 'hourCycle'> {
	return { hourCycle: locale.startsWith('es') ? 'h23' : 'h12' };
}

const toDate = (instant: Instant) => (instant instanceof Date ? instant : new Date(instant));

/**
 * Date and time of an instant in a body's zone: "lunes, 7 de diciembre de 2026, 10:00" (full),
 * "7 dic 2026, 10:00" (medium). Every page, mail and the outbox call it for "when".
 */
export function formatDateTime(
	instant: Instant,
	timeZone: string,
	options: { dateStyle?: DateStyle; locale?: string } = {}
): string {
	const locale = options.locale ?? getLocale();
	return formatter(locale, {
		dateStyle: options.dateStyle ?? 'long',
		timeStyle: 'short',
		timeZone,
		...clock(locale)
	}).format(toDate(instant));
}

/** The day of an instant in a body's zone: "7 de diciembre de 2026". */
export function formatDate(
	instant: Instant,
	timeZone: string,
	options: { dateStyle?: DateStyle; locale?: string } = {}
): string {
	const locale = options.locale ?? getLocale();
	return formatter(locale, { dateStyle: options.dateStyle ?? 'long', timeZone }).format(
		toDate(instant)
	);
}

/** The time of an instant in a body's zone: "17:30" (es), "5:30 PM" (en). */
export function formatTime(
	instant: Instant,
	timeZone: string,
	options: { locale?: string } = {}
): string {
	const locale = options.locale ?? getLocale();
	return formatter(locale, {
		hour: 'numeric',
		minute: '2-digit',
		timeZone,
		...clock(locale)
	}).format(toDate(instant));
}

/**
 * A calendar day ('2026-12-07') as words: no zone applies to a day, so it is read at noon UTC and
 * shown in UTC — the same day everywhere. Non-working days, terms and deadlines-by-day use it.
 */
export function formatCalendarDay(
	day: CalendarDay,
	options: { dateStyle?: DateStyle; locale?: string } = {}
): string {
	const locale = options.locale ?? getLocale();
	return formatter(locale, { dateStyle: options.dateStyle ?? 'long', timeZone: 'UTC' }).format(
		new Date(`${day.slice(0, 10)}T12:00:00Z`)
	);
}

/** A month ('2026-12' or any day of it) as words: "diciembre de 2026". */
export function formatMonth(month: string, options: { locale?: string } = {}): string {
	const locale = options.locale ?? getLocale();
	return formatter(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
		new Date(`${month.slice(0, 7)}-15T12:00:00Z`)
	);
}

/**
 * The values a meeting form's date and time fields hold for an instant, in the body's zone:
 * { date: '2026-12-07', time: '10:00' }. The convocatoria's form shows them; `fromLocalFields`
 * reads them back.
 */
export function toLocalFields(instant: Instant, timeZone: string): { date: string; time: string } {
	const parts = formatter('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(toDate(instant));
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return {
		date: `${part('year')}-${part('month')}-${part('day')}`,
		time: `${part('hour')}:${part('minute')}`
	};
}

/**
 * The instant of a form's local day and "HH:MM" in the body's zone: "10:00" is ten in the morning
 * where the body meets, whoever types it. The meeting create and reschedule actions call it.
 */
export function fromLocalFields(date: CalendarDay, time: string, timeZone: string): Date {
	const [hours, minutes] = time.split(':').map(Number);
	return new Date(
		startOfLocalDay(date, timeZone).getTime() + ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000
	);
}
