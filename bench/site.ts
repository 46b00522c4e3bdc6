/**
 * The app's forms, posted as SvelteKit's `use:enhance` posts them (the action as JSON), and its
 * pages read as a browser reads them. Refusals and errors throw: the bench only posts what the
 * app must accept.
 */
import * as devalue from 'devalue';

export interface ActionOutcome {
	type: 'success' | 'redirect' | 'failure' | 'error';
	status?: number;
	location?: string;
	cookie?: string;
	/** What the action answered (devalue-encoded on the wire, as SvelteKit sends it). */
	data?: unknown;
}

export class Site {
	/** Posts and page reads made, for the figures per tap. */
	requests = 0;

	constructor(readonly url: string) {}

	/** Posts a form action as JSON (as `use:enhance` does); refusals and errors throw. */
	async act(
		pathname: string,
		cookie: string,
		fields: Record<string, string>
	): Promise<ActionOutcome> {
		this.requests += 1;
		const response = await fetch(`${this.url}${pathname}`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: this.url,
				...(cookie ? { cookie } : {}),
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			},
			body: new URLSearchParams(fields)
		});
		const text = await response.text();
		let outcome: ActionOutcome;
		try {
			outcome = JSON.parse(text) as ActionOutcome;
		} catch {
			throw new Error(`POST ${pathname}: ${response.status} ${text.slice(0, 200)}`);
		}
		if (outcome.type !== 'success' && outcome.type !== 'redirect')
			throw new Error(`POST ${pathname}: ${outcome.type} ${text.slice(0, 300)}`);
		const session = response.headers.getSetCookie().find((c) => c.startsWith('auth_session='));
		const data = typeof outcome.data === 'string' ? devalue.parse(outcome.data) : undefined;
		return { ...outcome, data, cookie: session?.split(';')[0] };
	}

	async page(pathname: string, cookie: string): Promise<string> {
		this.requests += 1;
		const response = await fetch(`${this.url}${pathname}`, { headers: { cookie } });
		if (response.status !== 200) throw new Error(`GET ${pathname}: ${response.status}`);
		return response.text();
	}

	/** What `invalidateAll` does after an enhanced post: the page's data, loaded again. */
	async reload(pathname: string, cookie: string): Promise<void> {
		this.requests += 1;
		const response = await fetch(`${this.url}${pathname}/__data.json`, { headers: { cookie } });
		await response.arrayBuffer();
		if (response.status !== 200) throw new Error(`GET ${pathname}/__data.json: ${response.status}`);
	}
}
