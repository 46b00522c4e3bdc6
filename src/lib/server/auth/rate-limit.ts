/**
 * Throttles for guessing and flooding: failed sign-ins (per account and address, per address, and
 * a growing delay per account), and password-reset requests. Counters live in this process's
 * memory (the app is one process); a restart forgets them, which costs an attacker nothing they
 * could not get by waiting.
 *
 * A point is taken *before* the expensive or revealing work and given back on success, so that
 * forty attempts sent at once cannot all pass a check made before any of them is counted.
 */
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { createLimiter } from '../cluster/limiters';

export type ThrottleVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A counter of events per key that refuses once `limit` events fall within `windowSeconds`. */
export class Throttle {
	#store: RateLimiterAbstract | null = null;

	/** `name` keeps its counters apart from other throttles' in a cluster's Redis. */
	constructor(
		private readonly limit: number,
		private readonly windowSeconds: number,
		private readonly name: string
	) {}

	// Made at first use, once the process knows whether it is part of a cluster.
	get #limiter(): RateLimiterAbstract {
		this.#store ??= createLimiter({
			name: this.name,
			points: this.limit,
			duration: this.windowSeconds
		});
		return this.#store;
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
const ONE_HOUR = 60 * 60;

/** Failures of one account (from any address) that cost nothing, before the delay starts. */
const FREE_ACCOUNT_FAILURES = 3;
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 10_000;

/**
 * How long a sign-in to an account waits before its password is checked, given the account's
 * failures in the last hour (from every address): nothing for the first three, then 250 ms,
 * doubling with each failure, up to 10 s. A delay and never a refusal: whoever knows the password
 * always gets in, a few seconds late at worst.
 */
export function accountDelayMs(failures: number): number {
	if (failures < FREE_ACCOUNT_FAILURES) return 0;
	const doublings = Math.min(failures - FREE_ACCOUNT_FAILURES, 16);
	return Math.min(FIRST_DELAY_MS * 2 ** doublings, MAX_DELAY_MS);
}

/** A counter that never refuses: how many events a key had in the window. */
class Counter {
	#store: RateLimiterAbstract | null = null;

	constructor(
		private readonly windowSeconds: number,
		private readonly name: string
	) {}

	get #limiter(): RateLimiterAbstract {
		this.#store ??= createLimiter({
			name: this.name,
			points: Number.MAX_SAFE_INTEGER,
			duration: this.windowSeconds
		});
		return this.#store;
	}

	/** Counts one event; returns how many the key had before it. */
	async count(key: string): Promise<number> {
		const result = await this.#limiter.consume(key, 1);
		return result.consumedPoints - 1;
	}

	async giveBack(key: string): Promise<void> {
		await this.#limiter.reward(key, 1);
	}
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sign-in failures, counted so that nobody can use the throttle to lock someone else out:
 *
 * - per account *and* address, 5 in 15 minutes: guessing from one place is stopped, but it stops
 *   only that place — the account's owner, signing in from anywhere else, is not refused;
 * - per address, 20 in 15 minutes (higher, because a whole town hall may sign in from one public
 *   address for a meeting): one place cannot try many accounts;
 * - per account from every address, a growing delay before the password is checked
 *   (`accountDelayMs`), never a refusal: guessing spread over many addresses is slowed, while the
 *   owner, with the right password, still gets in.
 */
export class SignInThrottle {
	readonly #perAccountAndAddress = new Throttle(5, FIFTEEN_MINUTES, 'sign-in-account-address');
	readonly #perAddress = new Throttle(20, FIFTEEN_MINUTES, 'sign-in-address');
	readonly #perAccount = new Counter(ONE_HOUR, 'sign-in-account');

	/** `pause` waits out the account's delay; tests pass one that records it instead. */
	constructor(private readonly pause: (ms: number) => Promise<void> = wait) {}

	/**
	 * Counts an attempt before any password is checked; refuses once the account-and-address or
	 * the address limit is passed, and otherwise returns after the account's delay.
	 */
	async takeAttempt(email: string, address: string): Promise<ThrottleVerdict> {
		const [fromHere, byAddress] = await Promise.all([
			this.#perAccountAndAddress.take(pairKey(email, address)),
			this.#perAddress.take(address)
		]);
		if (!fromHere.ok) return fromHere;
		if (!byAddress.ok) return byAddress;
		// Counted before the wait, so that attempts sent at once each wait longer than the last.
		await this.pause(accountDelayMs(await this.#perAccount.count(email)));
		return { ok: true };
	}

	/**
	 * A successful sign-in: that address starts afresh for the account, and the address and the
	 * account get the attempt back. The account keeps its other failures: guessing against it
	 * from elsewhere stays slowed.
	 */
	async recordSuccess(email: string, address: string): Promise<void> {
		await Promise.all([
			this.#perAccountAndAddress.reset(pairKey(email, address)),
			this.#perAddress.giveBack(address),
			this.#perAccount.giveBack(email)
		]);
	}
}

/** One key per account and address (an email holds no space, an address no '@'). */
function pairKey(email: string, address: string): string {
	return `${email} ${address}`;
}

/** The process's sign-in throttle. */
export const signInThrottle = new SignInThrottle();

/** Reset-link requests: 3 an hour per email (whatever the address) and 10 per address. */
export const passwordResetThrottle = {
	perEmail: new Throttle(3, 60 * 60, 'reset-email'),
	perAddress: new Throttle(10, 60 * 60, 'reset-address')
};
