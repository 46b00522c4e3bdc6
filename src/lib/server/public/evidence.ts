/**
 * Evidence files of a body's meetings (section a): stored under DATA_DIR/files/<body id>/ as
 * `<file id>.<ext>` with, for photos, a 480-pixel WebP thumbnail `<file id>.thumb.webp`. The type is
 * read from the content (file-type) and judged by `classifyEvidence`; the name the browser sent is
 * only kept as a default title. S3-compatible storage is not implemented: files stay on disk, and
 * backups copy DATA_DIR (docs/OPERATIONS.md).
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { evidenceFiles, meetings, type EvidenceFile } from '../db/schema';
import { classifyEvidence } from './evidence-rules';

/** The folder of a body's files: DATA_DIR/files/<body id>, as the database's folder is read. */
export function filesFolder(secretariatId: string, dataDir = process.env.DATA_DIR ?? 'data') {
	return path.resolve(dataDir, 'files', secretariatId);
}

export type EvidenceUpload =
	| { ok: true; file: EvidenceFile }
	| { ok: false; reason: 'empty' | 'too-large' | 'type-not-allowed' | 'meeting-unknown' };

/**
 * Checks, stores and records one uploaded file; nothing is written when it is refused. Called by
 * the public-site management page; `dataDir` is for tests.
 */
export async function storeEvidence(
	db: Database,
	input: {
		secretariatId: string;
		meetingId: string | null;
		title: string;
		bytes: Uint8Array;
		uploadedBy: string | null;
	},
	dataDir?: string
): Promise<EvidenceUpload> {
	const detected = input.bytes.length ? await fileTypeFromBuffer(input.bytes) : undefined;
	const verdict = classifyEvidence(input.bytes.length, detected);
	if (!verdict.ok) return verdict;
	if (input.meetingId) {
		const [meeting] = await db
			.select({ id: meetings.id })
			.from(meetings)
			.where(
				and(eq(meetings.id, input.meetingId), eq(meetings.secretariatId, input.secretariatId))
			);
		if (!meeting) return { ok: false, reason: 'meeting-unknown' };
	}
	let thumbnail: Buffer | null = null;
	if (verdict.thumbnail) {
		try {
			thumbnail = await sharp(input.bytes)
				.rotate()
				.resize({ width: 480, withoutEnlargement: true })
				.webp({ quality: 70 })
				.toBuffer();
		} catch {
			// A photo sharp cannot decode is refused like any unreadable content.
			return { ok: false, reason: 'type-not-allowed' };
		}
	}
	const id = crypto.randomUUID();
	const folder = filesFolder(input.secretariatId, dataDir);
	await mkdir(folder, { recursive: true });
	await writeFile(path.join(folder, `${id}.${verdict.extension}`), input.bytes);
	if (thumbnail) await writeFile(path.join(folder, `${id}.thumb.webp`), thumbnail);
	const [file] = await db
		.insert(evidenceFiles)
		.values({
			id,
			secretariatId: input.secretariatId,
			meetingId: input.meetingId,
			kind: verdict.kind,
			title: input.title,
			mimeType: verdict.mimeType,
			extension: verdict.extension,
			sizeBytes: input.bytes.length,
			hasThumbnail: thumbnail !== null,
			uploadedBy: input.uploadedBy
		})
		.returning();
	return { ok: true, file: file! };
}

/**
 * A published file of the body and its bytes (or its thumbnail's), for the public download route;
 * null when unknown, of another body, or unpublished.
 */
export async function readPublishedEvidence(
	db: Database,
	secretariatId: string,
	fileId: string,
	variant: 'original' | 'thumbnail'
): Promise<{ file: EvidenceFile; bytes: Buffer } | null> {
	if (!/^[0-9a-f-]{36}$/.test(fileId)) return null;
	const [file] = await db
		.select()
		.from(evidenceFiles)
		.where(
			and(
				eq(evidenceFiles.id, fileId),
				eq(evidenceFiles.secretariatId, secretariatId),
				eq(evidenceFiles.published, true)
			)
		);
	if (!file || (variant === 'thumbnail' && !file.hasThumbnail)) return null;
	const name = variant === 'thumbnail' ? `${file.id}.thumb.webp` : `${file.id}.${file.extension}`;
	try {
		return { file, bytes: await readFile(path.join(filesFolder(secretariatId), name)) };
	} catch {
		return null;
	}
}

/** Publishes or withdraws a file of the body; false when it is not the body's. */
export async function setEvidencePublished(
	db: Database,
	secretariatId: string,
	fileId: string,
	published: boolean
): Promise<boolean> {
	const rows = await db
		.update(evidenceFiles)
		.set({ published })
		.where(and(eq(evidenceFiles.id, fileId), eq(evidenceFiles.secretariatId, secretariatId)))
		.returning({ id: evidenceFiles.id });
	return rows.length > 0;
}

/** Deletes a file of the body, its row and its bytes; false when it is not the body's. */
export async function deleteEvidence(
	db: Database,
	secretariatId: string,
	fileId: string
): Promise<boolean> {
	const [file] = await db
		.delete(evidenceFiles)
		.where(and(eq(evidenceFiles.id, fileId), eq(evidenceFiles.secretariatId, secretariatId)))
		.returning();
	if (!file) return false;
	const folder = filesFolder(secretariatId);
	await rm(path.join(folder, `${file.id}.${file.extension}`), { force: true });
	await rm(path.join(folder, `${file.id}.thumb.webp`), { force: true });
	return true;
}
