/**
 * Section f: questions, complaints and suggestions from anyone, without an account. The sender
 * gets a tracking number and follows the status and answer with it; the facilitator answers and
 * closes it in the body's inbox. Abuse is kept down by the route (throttle per address, honeypot,
 * size limits in the form's schema); this module only records and reads.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { publicRequests, type PublicRequest } from '../db/schema';
import { isUniqueViolation } from '../db/errors';
import { generateTrackingNumber } from './tracking-number';
import { Throttle } from '../auth/rate-limit';

/** Public forms (requests and join requests): 5 per client address and body in 10 minutes. */
export const publicFormThrottle = new Throttle(5, 10 * 60, 'public-forms');

export type RequestKind = PublicRequest['kind'];

/** Records a request and returns it with its new tracking number. */
export async function submitPublicRequest(
	db: Database,
	secretariatId: string,
	input: { kind: RequestKind; name: string; email: string; message: string }
): Promise<PublicRequest> {
	for (;;) {
		try {
			const [row] = await db
				.insert(publicRequests)
				.values({ secretariatId, trackingNumber: generateTrackingNumber(), ...input })
				.returning();
			return row!;
		} catch (failure) {
			// A tracking number drawn twice (about 1 in 2^50): draw again.
			if (!isUniqueViolation(failure)) throw failure;
		}
	}
}

/** The request with this tracking number in this body, or null. */
export async function findRequestByTrackingNumber(
	db: Database,
	secretariatId: string,
	trackingNumber: string
): Promise<PublicRequest | null> {
	const [row] = await db
		.select()
		.from(publicRequests)
		.where(
			and(
				eq(publicRequests.secretariatId, secretariatId),
				eq(publicRequests.trackingNumber, trackingNumber)
			)
		);
	return row ?? null;
}

/** The body's inbox, newest first. */
export function listPublicRequests(db: Database, secretariatId: string) {
	return db
		.select()
		.from(publicRequests)
		.where(eq(publicRequests.secretariatId, secretariatId))
		.orderBy(desc(publicRequests.createdAt));
}

/**
 * Saves the answer (status `answered`), or answers and closes at once (`closed`); the sender sees
 * it with the tracking number. False when the request is not the body's.
 */
export async function answerPublicRequest(
	db: Database,
	secretariatId: string,
	requestId: string,
	input: { answer: string; close: boolean; by: string }
): Promise<boolean> {
	const now = new Date();
	const rows = await db
		.update(publicRequests)
		.set({
			answer: input.answer,
			answeredAt: now,
			answeredBy: input.by,
			status: input.close ? 'closed' : 'answered',
			closedAt: input.close ? now : null
		})
		.where(and(eq(publicRequests.id, requestId), eq(publicRequests.secretariatId, secretariatId)))
		.returning({ id: publicRequests.id });
	return rows.length > 0;
}
