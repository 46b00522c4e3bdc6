import { describe, expect, it } from 'vitest';
import { decodeCsv, MAX_CSV_MB } from './progress-csv';

describe('decoding an uploaded progress CSV', () => {
	it('reads UTF-8, accents included', () => {
		const bytes = new TextEncoder().encode('actividad_id,avance,nota\nx,50,Revisión\n');
		expect(decodeCsv(bytes)).toEqual({
			ok: true,
			text: 'actividad_id,avance,nota\nx,50,Revisión\n'
		});
	});

	it('refuses Latin-1 (an "ó" as the single byte 0xF3) instead of saving U+FFFD', () => {
		const bytes = Uint8Array.from(
			[...'nota\nRevisi'].map((c) => c.charCodeAt(0)).concat(0xf3, 0x6e)
		);
		expect(decodeCsv(bytes)).toEqual({ row: null, column: null, code: 'not-utf8' });
	});

	it('refuses a file too large to parse in a moment', () => {
		expect(decodeCsv(new Uint8Array(MAX_CSV_MB * 1024 * 1024 + 1))).toEqual({
			row: null,
			column: null,
			code: 'too-large'
		});
	});
});
