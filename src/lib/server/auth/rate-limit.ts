/**
 * Throttles for guessing and flooding: failed sign-ins per account and per client address, and
 * password-reset requests. Counters live in this process's memory (the app is one process);
 * a restart forgets them, which costs an attacker nothing they could not get by waiting.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';

export type ThrottleVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A counter of events per key that refuses once `limit` events fall within `windowSeconds`. */
export class Throttle {
	readonly #limiter: RateLimiterMemory;

	constructor(
		readonly limit: number,
		windowSeconds: number
	) {
		this.#limiter = new RateLimiterMemory({
			points: limit,
			duration: windowSeconds,
			blockDuration: windowSeconds
		});
	}

	/** Says whether the key may act now, without counting anything. */
	async check(key: string): Promise<ThrottleVerdict> {
		const state = await this.#limiter.get(key);
		if (!state || state.consumedPoints < this.limit) return { ok: true };
		return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)) };
	}

	/** Counts one event for the key. */
	async record(key: string): Promise<void> {
		await this.#limiter.penalty(key, 1);
	}

	/** Forgets the key's events (a successful sign-in clears its account's failures). */
	async reset(key: string): Promise<void> {
		await this.#limiter.delete(key);
	}
}

const FIFTEEN_MINUTES = 15 * 60;

/**
 * Sign-in failures: 5 per account and 20 per client address in 15 minutes. The address limit is
 * the higher one because a whole town hall may sign in from one public address for a meeting.
 */
export class SignInThrottle {
	readonly #perAccount = new Throttle(5, FIFTEEN_MINUTES);
	readonly #perAddress = new Throttle(20, FIFTEEN_MINUTES);

	/** Refuses before any password is checked once either limit is reached. */
	async check(email: string, address: string): Promise<ThrottleVerdict> {
		const account = await this.#perAccount.check(email);
		if (!account.ok) return account;
		return this.#perAddress.check(address);
	}

	async recordFailure(email: string, address: string): Promise<void> {
		await Promise.all([this.#perAccount.record(email), this.#perAddress.record(address)]);
	}

	async recordSuccess(email: string): Promise<void> {
		await this.#perAccount.reset(email);
	}
}

/** The process's sign-in throttle. */
export const signInThrottle = new SignInThrottle();

/** Reset-link requests: 3 per address an hour per email, so nobody floods an inbox through us. */
export const passwordResetThrottle = new Throttle(3, 60 * 60);
