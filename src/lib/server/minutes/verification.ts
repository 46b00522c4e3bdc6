/**
 * What the public verification page says about a hash: the version's own hash (the QR code's
 * link) or the SHA-256 of an uploaded PDF. Only approved versions verify; anything else — an
 * unknown hash, a tampered file, a draft — is "does not match". What it shows is what the signed
 * document itself shows: body, meeting, version, approval and signatures (no contact data).
 */
import { eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { secretariats } from '../db/schema';
import { findApprovedVersionByHash } from './minutes';
import { isSha256Hex } from './minutes-content';

export interface Verification {
	hash: string;
	match: null | {
		matched: 'version' | 'pdf';
		body: string;
		meeting: { title: string; kind: string; scheduledAt: string; timeZone: string };
		version: { number: number; sha256: string; approvedAt: string; approvalMethod: string | null };
		signatures: {
			name: string;
			decision: 'signed' | 'refused' | 'pending';
			at: string | null;
			reason: string;
		}[];
	};
}

/** Looks a hash up among the approved versions and the PDFs issued of them. */
export async function verifyHash(db: Queryable, hash: string): Promise<Verification> {
	const normalised = hash.trim().toLowerCase();
	if (!isSha256Hex(normalised)) return { hash: normalised, match: null };
	const found = await findApprovedVersionByHash(db, normalised);
	if (!found) return { hash: normalised, match: null };
	const [body] = await db
		.select({ name: secretariats.name })
		.from(secretariats)
		.where(eq(secretariats.id, found.meeting.secretariatId));
	const { content } = found.version;
	return {
		hash: normalised,
		match: {
			matched: found.matched,
			body: body?.name ?? content.secretariat.name,
			meeting: {
				title: content.meeting.title,
				kind: content.meeting.kind,
				scheduledAt: content.meeting.scheduledAt,
				timeZone: content.meeting.timeZone
			},
			version: {
				number: found.version.number,
				sha256: found.version.sha256,
				approvedAt: found.version.approvedAt!.toISOString(),
				approvalMethod: found.version.approvalMethod
			},
			signatures: content.signers.map((signer) => {
				const signature = found.signatures.find((s) => s.memberId === signer.memberId);
				return {
					name: signer.name,
					decision: signature?.decision ?? 'pending',
					at: signature?.at.toISOString() ?? null,
					reason: signature?.reason ?? ''
				};
			})
		}
	};
}
