/**
 * The forms of a removal proposal (Z art. 5, I I.3, T I.3): proposing it with its reason, on behalf
 * of one of one's own seat memberships, and supporting it. Messages come from the catalogues.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

const required = () => m.error_required();

export const removalProposalSchema = z.object({
	memberId: z.uuid({ error: required }),
	proposerId: z.uuid({ error: required }),
	reason: z
		.string({ error: required })
		.trim()
		.min(1, { error: required })
		.max(2000, { error: () => m.error_too_long({ max: 2000 }) })
});

export const removalSupportSchema = z.object({
	proposalId: z.uuid({ error: required }),
	memberId: z.uuid({ error: required })
});
