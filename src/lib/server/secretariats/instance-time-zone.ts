/**
 * The time zone of the instance's own pages (/admin/outbox, /admin/invitaciones), which belong to
 * no body: the zone every body shares when they agree — an instance in Tijuana shows Tijuana's
 * hours — else the product's default, Mexico City. Named on the page so nobody mistakes it.
 */
import { secretariats } from '../db/schema';
import type { Queryable } from '../db';
import { DEFAULT_TIME_ZONE } from '../../i18n/time';

/** The one zone the instance's bodies use, or the default when they differ or there are none. */
export async function readInstanceTimeZone(db: Queryable): Promise<string> {
	const rows = await db.select({ rules: secretariats.rules }).from(secretariats);
	const zones = new Set(rows.map((row) => row.rules.timeZone));
	return zones.size === 1 ? [...zones][0]! : DEFAULT_TIME_ZONE;
}
