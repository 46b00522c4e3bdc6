/**
 * The minutes forms' schemas (comment, approval, signature), with messages from the catalogues.
 * Whether the action may happen now (approved, a signer, not superseded) is the rules' call.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

export const minutesCommentSchema = z.object({
	version: z.coerce.number().int().min(1),
	text: z
		.string({ error: () => m.minutes_comment_required() })
		.trim()
		.min(1, { error: () => m.minutes_comment_required() })
		.max(2000, { error: () => m.minutes_comment_required() })
});

export const minutesApprovalSchema = z.object({
	version: z.coerce.number().int().min(1),
	method: z.enum(['vote', 'next-meeting'], { error: () => m.minutes_approve_invalid() }),
	note: z
		.string()
		.trim()
		.max(500, { error: () => m.minutes_approve_invalid() })
		.default('')
});

export const minutesSignatureSchema = z.object({
	version: z.coerce.number().int().min(1),
	memberId: z.uuid(),
	password: z
		.string({ error: () => m.minutes_sign_invalid() })
		.min(1, { error: () => m.minutes_sign_invalid() }),
	reason: z
		.string()
		.trim()
		.max(1000, { error: () => m.minutes_sign_reason_required() })
		.default('')
});
