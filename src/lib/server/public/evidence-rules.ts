/**
 * Which uploaded files a body may publish as evidence of its meetings (RULES.md "The public
 * website's sections" a: photos, video, audio and other files). Pure: the caller reads the file's
 * real type from its first bytes (file-type) and passes it here with the size; a file's name or the
 * type the browser claims are never trusted, so an executable renamed `.jpg` is refused.
 */

export type EvidenceKind = 'photo' | 'video' | 'audio' | 'document';

/** The largest evidence file accepted (the server's BODY_SIZE_LIMIT must allow it, see OPERATIONS). */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

/** The accepted types, by the MIME type file-type reads from the content. */
const ACCEPTED: Record<string, EvidenceKind> = {
	'image/jpeg': 'photo',
	'image/png': 'photo',
	'image/webp': 'photo',
	'image/gif': 'photo',
	'video/mp4': 'video',
	'video/webm': 'video',
	'video/quicktime': 'video',
	'audio/mpeg': 'audio',
	'audio/ogg': 'audio',
	'audio/wav': 'audio',
	'audio/x-wav': 'audio',
	'audio/mp4': 'audio',
	'audio/x-m4a': 'audio',
	'audio/webm': 'audio',
	'application/pdf': 'document',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'document',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'document',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'document',
	'application/vnd.oasis.opendocument.text': 'document',
	'application/vnd.oasis.opendocument.spreadsheet': 'document'
};

export type EvidenceVerdict =
	| { ok: true; kind: EvidenceKind; mimeType: string; extension: string; thumbnail: boolean }
	| { ok: false; reason: 'empty' | 'too-large' | 'type-not-allowed' };

/**
 * Decides whether a file may be kept as evidence, from its size and the type read from its
 * content (`detected` is undefined when file-type recognised nothing — plain text, scripts, or
 * unknown binaries — which is refused too). Photos other than GIF get a thumbnail.
 */
export function classifyEvidence(
	sizeBytes: number,
	detected: { mime: string; ext: string } | undefined
): EvidenceVerdict {
	if (sizeBytes === 0) return { ok: false, reason: 'empty' };
	if (sizeBytes > EVIDENCE_MAX_BYTES) return { ok: false, reason: 'too-large' };
	const kind = detected ? ACCEPTED[detected.mime] : undefined;
	if (!detected || !kind) return { ok: false, reason: 'type-not-allowed' };
	return {
		ok: true,
		kind,
		mimeType: detected.mime,
		extension: detected.ext,
		thumbnail: kind === 'photo' && detected.mime !== 'image/gif'
	};
}
