/**
 * Evidence of the plan's activities: a file the responsible person uploads, or a link. A file's
 * type is read off its content (file-type's magic numbers), never off its name: an executable
 * renamed `.pdf` is refused. Accepted: PDF, images (JPEG, PNG, WebP, GIF) and office documents
 * (OOXML, OpenDocument), up to `MAX_EVIDENCE_BYTES`. Files live in DATA_DIR/files under a random
 * name; the database keeps the title, type and size. Who may add evidence is who may report
 * progress on the activity's commitment (./progress.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { isUuid } from './plans';
import { actionPlans, planActivities, planCommitments, planEvidence } from '../db/schema';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** The content types accepted, each with the extension its stored file gets. */
export const evidenceTypes: Record<string, string> = {
	'application/pdf': 'pdf',
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'image/gif': 'gif',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
	'application/vnd.oasis.opendocument.text': 'odt',
	'application/vnd.oasis.opendocument.spreadsheet': 'ods',
	'application/vnd.oasis.opendocument.presentation': 'odp'
};

/** The folder of stored evidence files: DATA_DIR/files. */
export function evidenceFolder(): string {
	return path.resolve(process.env.DATA_DIR ?? 'data', 'files');
}

export type EvidenceRefusal = 'empty' | 'too-large' | 'type-not-allowed' | 'link-invalid';
export type EvidenceOutcome = { ok: true; id: string } | { ok: false; reason: EvidenceRefusal };

/**
 * Checks a file by its content and stores it as evidence of the activity (whose body the caller has
 * checked). The title defaults to the file's name.
 */
export async function addEvidenceFile(
	db: Database,
	activityId: string,
	userId: string,
	file: { name: string; bytes: Uint8Array; title?: string }
): Promise<EvidenceOutcome> {
	if (file.bytes.byteLength === 0) return { ok: false, reason: 'empty' };
	if (file.bytes.byteLength > MAX_EVIDENCE_BYTES) return { ok: false, reason: 'too-large' };
	const sniffed = await fileTypeFromBuffer(file.bytes);
	const extension = sniffed ? evidenceTypes[sniffed.mime] : undefined;
	if (!sniffed || !extension) return { ok: false, reason: 'type-not-allowed' };
	const storedName = `${randomUUID()}.${extension}`;
	await mkdir(evidenceFolder(), { recursive: true });
	await writeFile(path.join(evidenceFolder(), storedName), file.bytes);
	try {
		const [row] = await db
			.insert(planEvidence)
			.values({
				activityId,
				kind: 'file',
				title: (file.title || file.name).slice(0, 200),
				storedName,
				contentType: sniffed.mime,
				size: file.bytes.byteLength,
				addedBy: userId
			})
			.returning({ id: planEvidence.id });
		return { ok: true, id: row!.id };
	} catch (failure) {
		await rm(path.join(evidenceFolder(), storedName), { force: true });
		throw failure;
	}
}

/** Adds a link (http or https only) as evidence of the activity. */
export async function addEvidenceLink(
	db: Database,
	activityId: string,
	userId: string,
	link: { url: string; title: string }
): Promise<EvidenceOutcome> {
	let url: URL;
	try {
		url = new URL(link.url);
	} catch {
		return { ok: false, reason: 'link-invalid' };
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		return { ok: false, reason: 'link-invalid' };
	const [row] = await db
		.insert(planEvidence)
		.values({
			activityId,
			kind: 'link',
			title: link.title || url.host,
			url: url.toString(),
			addedBy: userId
		})
		.returning({ id: planEvidence.id });
	return { ok: true, id: row!.id };
}

/** An evidence row of this body's plans, with its activity's commitment; null if none. */
export async function findEvidence(db: Database, secretariatId: string, evidenceId: string) {
	if (!isUuid(evidenceId)) return null;
	const [row] = await db
		.select({ evidence: planEvidence, commitment: planCommitments, plan: actionPlans })
		.from(planEvidence)
		.innerJoin(planActivities, eq(planActivities.id, planEvidence.activityId))
		.innerJoin(planCommitments, eq(planCommitments.id, planActivities.commitmentId))
		.innerJoin(actionPlans, eq(actionPlans.id, planCommitments.planId))
		.where(and(eq(planEvidence.id, evidenceId), eq(actionPlans.secretariatId, secretariatId)));
	return row ?? null;
}

/** The stored bytes of a file evidence. */
export function readEvidenceFile(storedName: string): Promise<Buffer> {
	return readFile(path.join(evidenceFolder(), path.basename(storedName)));
}

/** Removes an evidence row and its file. */
export async function deleteEvidence(db: Database, evidenceId: string): Promise<void> {
	const [row] = await db.delete(planEvidence).where(eq(planEvidence.id, evidenceId)).returning();
	if (row?.storedName)
		await rm(path.join(evidenceFolder(), path.basename(row.storedName)), { force: true });
}
