import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
	GENESIS_HASH,
	canonicalJson,
	chainEvent,
	chainHead,
	chainReachesHead,
	encodeEventForHash,
	hashEvent,
	verifyEventChain,
	type ChainedEvent,
	type EventDraft
} from './event-chain';

const meetingId = '00000000-0000-4000-8000-000000000001';
const draft = (kind: string, payload: EventDraft['payload'] = {}, second = 0): EventDraft => ({
	meetingId,
	at: new Date(Date.UTC(2026, 10, 30, 17, 0, second)).toISOString(),
	kind,
	actor: '00000000-0000-4000-8000-0000000000aa',
	payload
});

function buildChain(drafts: EventDraft[]): ChainedEvent[] {
	const chain: ChainedEvent[] = [];
	for (const d of drafts) chain.push(chainEvent(chain.at(-1) ?? null, d));
	return chain;
}

const sample = () =>
	buildChain([
		draft('check-in', { member: 'm1', remote: false, by: 'self' }, 1),
		draft('meeting-opened', {}, 2),
		draft(
			'motion-proposed',
			{ motion: 'x', text: 'Aprobar el orden del día', phase: 'consensus' },
			3
		),
		draft(
			'ballot',
			{ motion: 'x', seat: 'gov', member: 'm1', role: 'substitute', choice: 'for' },
			4
		),
		draft('meeting-closed', {}, 5)
	]);

describe('canonical encoding', () => {
	it('sorts keys at every depth and leaves no whitespace', () => {
		expect(canonicalJson({ b: 1, a: { d: [2, { f: true, e: null }], c: 'x' } })).toBe(
			'{"a":{"c":"x","d":[2,{"e":null,"f":true}]},"b":1}'
		);
	});

	it('drops undefined members and refuses what JSON cannot say', () => {
		expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
		expect(() => canonicalJson({ a: Number.NaN })).toThrow();
		expect(() => canonicalJson({ a: 1n })).toThrow();
	});

	it('encodes exactly seq, meetingId, at, kind, actor, payload and prev', () => {
		const [first] = sample();
		const encoded = JSON.parse(encodeEventForHash(first!));
		expect(Object.keys(encoded)).toEqual([
			'actor',
			'at',
			'kind',
			'meetingId',
			'payload',
			'prev',
			'seq'
		]);
		expect(encoded.prev).toBe(GENESIS_HASH);
	});

	it('hashes with SHA-256 over the UTF-8 canonical text (the same as node:crypto)', () => {
		const [first] = sample();
		const expected = createHash('sha256').update(encodeEventForHash(first!), 'utf8').digest('hex');
		expect(first!.hash).toBe(expected);
		const accented = chainEvent(null, draft('motion-proposed', { text: 'Sesión ñandú — acción' }));
		expect(accented.hash).toBe(
			createHash('sha256').update(encodeEventForHash(accented), 'utf8').digest('hex')
		);
	});
});

describe('chaining', () => {
	it('numbers from 1 and links each event to the hash of the one before', () => {
		const chain = sample();
		expect(chain.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
		expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
		for (let i = 1; i < chain.length; i++) expect(chain[i]!.prevHash).toBe(chain[i - 1]!.hash);
		expect(chainHead(chain)).toEqual({ events: 5, sha256: chain[4]!.hash });
		expect(chainHead([])).toEqual({ events: 0, sha256: GENESIS_HASH });
	});

	it('gives the same hash for the same event, whatever the order of its payload keys', () => {
		const a = chainEvent(null, draft('ballot', { seat: 's', choice: 'for' }));
		const b = chainEvent(null, draft('ballot', { choice: 'for', seat: 's' }));
		expect(a.hash).toBe(b.hash);
	});
});

describe('verifying', () => {
	it('accepts an untouched chain and an empty one, answering their heads', () => {
		const chain = sample();
		expect(verifyEventChain(chain)).toEqual({ ok: true, head: chainHead(chain) });
		expect(verifyEventChain([])).toEqual({ ok: true, head: { events: 0, sha256: GENESIS_HASH } });
	});

	const tamperings: [string, (chain: ChainedEvent[]) => ChainedEvent[], number, string][] = [
		[
			'a changed payload',
			(c) =>
				c.map((e) => (e.seq === 4 ? { ...e, payload: { ...e.payload, choice: 'against' } } : e)),
			4,
			'content'
		],
		[
			'a changed time',
			(c) => c.map((e) => (e.seq === 2 ? { ...e, at: c[0]!.at } : e)),
			2,
			'content'
		],
		['a changed kind', (c) => c.map((e) => (e.seq === 5 ? { ...e, kind: 'x' } : e)), 5, 'content'],
		[
			'a changed actor',
			(c) => c.map((e) => (e.seq === 1 ? { ...e, actor: null } : e)),
			1,
			'content'
		],
		[
			'a changed payload with its hash recomputed',
			(c) =>
				c.map((e) => {
					if (e.seq !== 3) return e;
					const changed = { ...e, payload: { ...e.payload, text: 'Otro texto' } };
					return { ...changed, hash: hashEvent(changed) };
				}),
			4,
			'link'
		],
		['a removed event', (c) => c.filter((e) => e.seq !== 3), 3, 'sequence'],
		['two events swapped', (c) => [c[0]!, c[2]!, c[1]!, c[3]!, c[4]!], 2, 'sequence'],
		[
			'an event of another meeting',
			(c) => c.map((e) => (e.seq === 2 ? { ...e, meetingId: 'other' } : e)),
			2,
			'meeting'
		],
		[
			'a renumbered chain after a removal',
			(c) => c.filter((e) => e.seq !== 2).map((e, i) => ({ ...e, seq: i + 1 })),
			2,
			'link'
		]
	];

	it.each(tamperings)('finds %s and answers the first broken event', (_, tamper, at, reason) => {
		const chain = sample();
		const verdict = verifyEventChain(tamper(chain));
		expect(verdict.ok).toBe(false);
		if (verdict.ok) return;
		expect(verdict.brokenAt).toBe(at);
		expect(verdict.reason).toBe(reason);
		expect(verdict.validHead.events).toBe(at - 1);
	});

	it('tells whether a chain reaches a sealed head', () => {
		const chain = sample();
		expect(chainReachesHead(chain, chainHead(chain))).toBe(true);
		expect(chainReachesHead(chain, chainHead(chain.slice(0, 3)))).toBe(true);
		expect(chainReachesHead(chain.slice(0, 3), chainHead(chain))).toBe(false);
		expect(chainReachesHead(chain, { events: 5, sha256: GENESIS_HASH })).toBe(false);
		expect(chainReachesHead([], { events: 0, sha256: GENESIS_HASH })).toBe(true);
	});
});
