/**
 * Throttles for guessing and flooding: failed sign-ins per account and per client address, and
 * password-reset requests. Counters live in this process's memory (the app is one process);
 * a restart forgets them, which costs an attacker nothing they could not get by waiting.
 *
 * A point is taken *before* the expensive or revealing work and given back on success, so that
 * forty attempts sent at once cannot all pass a check made before any of them is counted.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export type ThrottleVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A counter of events per key that refuses once `limit` events fall within `windowSeconds`. */
export class Throttle {
	readonly #limiter: RateLimiterMemory;

	constructor(limit: number, windowSeconds: number) {
		this.#limiter = new RateLimiterMemory({ points: limit, duration: windowSeconds });
	}

	/** Counts one event for the key, and says whether it was within the limit. */
	async take(key: string): Promise<ThrottleVerdict> {
		try {
			await this.#limiter.consume(key, 1);
			return { ok: true };
		} catch (refusal) {
			if (!(refusal instanceof RateLimiterRes)) throw refusal;
			return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
		}
	}

	/** Gives one event back (the attempt it counted turned out legitimate). */
	async giveBack(key: string): Promise<void> {
		await this.#limiter.reward(key, 1);
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

	/** Counts an attempt before any password is checked; refuses once either limit is passed. */
	async takeAttempt(email: string, address: string): Promise<ThrottleVerdict> {
		const [account, byAddress] = await Promise.all([
			this.#perAccount.take(email),
			this.#perAddress.take(address)
		]);
		if (!account.ok) return account;
		return byAddress;
	}

	/** A successful sign-in: its account starts afresh and its address gets the attempt back. */
	async recordSuccess(email: string, address: string): Promise<void> {
		await Promise.all([this.#perAccount.reset(email), this.#perAddress.giveBack(address)]);
	}
}

/** The process's sign-in throttle. */
export const signInThrottle = new SignInThrottle();

/** Reset-link requests: 3 an hour per email (whatever the address) and 10 per address. */
export const passwordResetThrottle = {
	perEmail: new Throttle(3, 60 * 60),
	perAddress: new Throttle(10, 60 * 60)
};
