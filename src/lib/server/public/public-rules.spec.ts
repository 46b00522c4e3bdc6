import { describe, expect, it } from 'vitest';
import { classifyEvidence, EVIDENCE_MAX_BYTES } from './evidence-rules';
import { generateTrackingNumber, normaliseTrackingNumber } from './tracking-number';

describe('evidence files are judged by their content type and size', () => {
	it.each([
		['image/jpeg', 'jpg', 'photo', true],
		['image/png', 'png', 'photo', true],
		['image/gif', 'gif', 'photo', false],
		['video/mp4', 'mp4', 'video', false],
		['audio/mpeg', 'mp3', 'audio', false],
		['application/pdf', 'pdf', 'document', false]
	] as const)('%s is accepted as %s', (mime, ext, kind, thumbnail) => {
		expect(classifyEvidence(1000, { mime, ext })).toEqual({
			ok: true,
			kind,
			mimeType: mime,
			extension: ext,
			thumbnail
		});
	});

	it.each([
		['application/x-msdownload', 'exe'],
		['application/x-elf', 'elf'],
		['application/x-sh', 'sh'],
		['application/zip', 'zip'],
		['text/html', 'html']
	])('%s is refused', (mime, ext) => {
		expect(classifyEvidence(1000, { mime, ext })).toEqual({
			ok: false,
			reason: 'type-not-allowed'
		});
	});

	it('an unrecognised content is refused, whatever its name', () => {
		expect(classifyEvidence(10, undefined)).toEqual({ ok: false, reason: 'type-not-allowed' });
	});

	it('empty and oversized files are refused before their type matters', () => {
		expect(classifyEvidence(0, { mime: 'image/png', ext: 'png' })).toEqual({
			ok: false,
			reason: 'empty'
		});
		expect(classifyEvidence(EVIDENCE_MAX_BYTES + 1, { mime: 'image/png', ext: 'png' })).toEqual({
			ok: false,
			reason: 'too-large'
		});
		expect(classifyEvidence(EVIDENCE_MAX_BYTES, { mime: 'image/png', ext: 'png' }).ok).toBe(true);
	});
});

describe('tracking numbers', () => {
	it('are random, well formed and read back however they are typed', () => {
		const numbers = new Set(Array.from({ length: 200 }, generateTrackingNumber));
		expect(numbers.size).toBe(200);
		for (const number of numbers) {
			expect(number).toMatch(/^QS-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
			expect(normaliseTrackingNumber(number)).toBe(number);
			expect(normaliseTrackingNumber(number.toLowerCase().replace(/-/g, ' '))).toBe(number);
			expect(normaliseTrackingNumber(number.slice(3))).toBe(number);
		}
	});

	it('refuse what cannot be one', () => {
		for (const typed of ['', 'QS-', 'QS-AAAAA-AAAA', 'QS-00000-00000', "QS-AAAAA-AAAA'"])
			expect(normaliseTrackingNumber(typed)).toBeNull();
	});
});
