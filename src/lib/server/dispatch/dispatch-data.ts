/**
 * What the monthly dispatch reads and keeps: the body's dispatch settings, its approved minutes
 * versions with the mails that carried them, and the delivery log. Shared with the scheduled jobs
 * bundled into server/ (relative imports only, no `$lib`).
 */
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import {
	dispatchSettings,
	meetings,
	minutesDispatchDeliveries,
	minutesDispatches,
	minutesDispatchItems,
	minutesVersions,
	outboxMessages
} from '../db/schema';
import type { DispatchableVersion } from '../../rules/dispatch-schedule';

export interface DispatchSettings {
	extraRecipients: string[];
	reminderDays: number;
	termReminderDays: number;
}

export const defaultDispatchSettings: DispatchSettings = {
	extraRecipients: [],
	reminderDays: 5,
	termReminderDays: 30
};

/** The body's dispatch settings, or the defaults when never saved. */
export async function readDispatchSettings(
	db: Queryable,
	secretariatId: string
): Promise<DispatchSettings> {
	const [row] = await db
		.select()
		.from(dispatchSettings)
		.where(eq(dispatchSettings.secretariatId, secretariatId));
	if (!row) return { ...defaultDispatchSettings };
	return {
		extraRecipients: row.extraRecipients,
		reminderDays: row.reminderDays,
		termReminderDays: row.termReminderDays
	};
}

/** Saves the body's dispatch settings (the "Envío mensual" page's form). */
export async function saveDispatchSettings(
	db: Database,
	secretariatId: string,
	settings: DispatchSettings
): Promise<void> {
	await db
		.insert(dispatchSettings)
		.values({ secretariatId, ...settings })
		.onConflictDoUpdate({ target: dispatchSettings.secretariatId, set: settings });
}

/** An approved version with its meeting's title, for the page and the mail. */
export interface DispatchVersionRow extends DispatchableVersion {
	meetingTitle: string;
	sha256: string;
}

/** Every approved version of the body's minutes, with the statuses of the mails that carried it. */
export async function listDispatchableVersions(
	db: Queryable,
	secretariatId: string
): Promise<DispatchVersionRow[]> {
	const rows = await db
		.select({
			versionId: minutesVersions.id,
			meetingId: meetings.id,
			meetingTitle: meetings.title,
			meetingStart: meetings.scheduledAt,
			startedAt: meetings.startedAt,
			number: minutesVersions.number,
			sha256: minutesVersions.sha256
		})
		.from(minutesVersions)
		.innerJoin(meetings, eq(meetings.id, minutesVersions.meetingId))
		.where(and(eq(meetings.secretariatId, secretariatId), isNotNull(minutesVersions.approvedAt)));
	if (rows.length === 0) return [];
	const carried = await db
		.select({ versionId: minutesDispatchItems.versionId, status: outboxMessages.status })
		.from(minutesDispatchItems)
		.leftJoin(
			minutesDispatchDeliveries,
			eq(minutesDispatchDeliveries.dispatchId, minutesDispatchItems.dispatchId)
		)
		.leftJoin(outboxMessages, eq(outboxMessages.id, minutesDispatchDeliveries.outboxId))
		.where(
			inArray(
				minutesDispatchItems.versionId,
				rows.map((row) => row.versionId)
			)
		);
	return rows.map(({ startedAt, ...row }) => ({
		...row,
		// The day the meeting was actually held decides its month; else the day it was called for.
		meetingStart: startedAt ?? row.meetingStart,
		deliveryStatuses: carried.filter((c) => c.versionId === row.versionId).map((c) => c.status)
	}));
}

/** One dispatch of the log, newest first: what went, to whom, by whom, and each mail's status. */
export interface DispatchLogEntry {
	id: string;
	month: string;
	createdAt: Date;
	sentByName: string;
	versions: { meetingTitle: string; number: number }[];
	deliveries: { toAddress: string; outboxId: string | null; status: string | null }[];
}

/** The body's delivery log of dispatches. */
export async function listDispatchLog(
	db: Queryable,
	secretariatId: string
): Promise<DispatchLogEntry[]> {
	const dispatches = await db
		.select()
		.from(minutesDispatches)
		.where(eq(minutesDispatches.secretariatId, secretariatId))
		.orderBy(desc(minutesDispatches.createdAt));
	if (dispatches.length === 0) return [];
	const ids = dispatches.map((d) => d.id);
	const items = await db
		.select({
			dispatchId: minutesDispatchItems.dispatchId,
			meetingTitle: meetings.title,
			number: minutesVersions.number
		})
		.from(minutesDispatchItems)
		.innerJoin(minutesVersions, eq(minutesVersions.id, minutesDispatchItems.versionId))
		.innerJoin(meetings, eq(meetings.id, minutesVersions.meetingId))
		.where(inArray(minutesDispatchItems.dispatchId, ids));
	const deliveries = await db
		.select({
			dispatchId: minutesDispatchDeliveries.dispatchId,
			toAddress: minutesDispatchDeliveries.toAddress,
			outboxId: minutesDispatchDeliveries.outboxId,
			status: outboxMessages.status
		})
		.from(minutesDispatchDeliveries)
		.leftJoin(outboxMessages, eq(outboxMessages.id, minutesDispatchDeliveries.outboxId))
		.where(inArray(minutesDispatchDeliveries.dispatchId, ids));
	return dispatches.map((d) => ({
		id: d.id,
		month: d.month,
		createdAt: d.createdAt,
		sentByName: d.sentByName,
		versions: items
			.filter((i) => i.dispatchId === d.id)
			.map(({ meetingTitle, number }) => ({ meetingTitle, number })),
		deliveries: deliveries
			.filter((x) => x.dispatchId === d.id)
			.map(({ toAddress, outboxId, status }) => ({ toAddress, outboxId, status }))
	}));
}
