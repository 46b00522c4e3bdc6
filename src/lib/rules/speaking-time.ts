/**
 * The speaker's clock (issue 11): how long the person with the floor has spoken against the
 * meeting's speaking-time limit, if the facilitator set one (no preset states one; Z art. 7.10–11
 * leaves the floor to the facilitator's direction). The screens count down from the limit, warn as
 * it nears its end and show the overrun; without a limit they count up.
 *
 * Glossary: intervención → turn; tiempo de intervención → speaking time; excedido → overrun.
 */

export type SpeakingPhase = 'free' | 'running' | 'ending' | 'overrun';

export interface SpeakingClock {
	phase: SpeakingPhase;
	/** What the clock shows, in whole seconds: left of the limit, past it, or spoken (no limit). */
	seconds: number;
}

/** The warning starts at a quarter of the limit left, and never earlier than 30 seconds before. */
export function warningSeconds(limitSeconds: number): number {
	return Math.min(30, Math.ceil(limitSeconds / 4));
}

/**
 * Where the current turn stands at `now` (ms), begun at `sinceMs`, under `limitSeconds` (null: no
 * limit). A clock set a little ahead of the server's never shows negative time.
 */
export function readSpeakingClock(
	sinceMs: number,
	now: number,
	limitSeconds: number | null
): SpeakingClock {
	const spoken = Math.max(0, Math.floor((now - sinceMs) / 1000));
	if (limitSeconds === null) return { phase: 'free', seconds: spoken };
	if (spoken > limitSeconds) return { phase: 'overrun', seconds: spoken - limitSeconds };
	const left = limitSeconds - spoken;
	return { phase: left <= warningSeconds(limitSeconds) ? 'ending' : 'running', seconds: left };
}

/** Seconds as the clock shows them: m:ss. */
export function formatClock(seconds: number): string {
	return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
