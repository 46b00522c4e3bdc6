/**
 * Numbers agree with their nouns through the catalogue's own plural variants (Intl plural rules),
 * in both languages: no "1 abstenciones", "1 días hábiles", "1 asientos presentes".
 */
import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';

const es = { locale: 'es-MX' } as const;
const en = { locale: 'en' } as const;

describe('plural messages', () => {
	it('abstentions', () => {
		expect(m.decision_counts({ for: 3, against: 0, abstain: 1 }, es)).toBe(
			'3 a favor, 0 en contra, 1 abstención'
		);
		expect(m.decision_counts({ for: 3, against: 0, abstain: 0 }, es)).toBe(
			'3 a favor, 0 en contra, 0 abstenciones'
		);
		expect(m.decision_counts({ for: 3, against: 1, abstain: 1 }, en)).toBe(
			'3 for, 1 against, 1 abstention'
		);
	});

	it('business days, with the date not followed by a second period', () => {
		expect(m.convene_deadline({ days: 1, latest: 'lunes 7, 11:59 p.m.' }, es)).toBe(
			'Debe emitirse a más tardar el lunes 7, 11:59 p.m. para dar 1 día hábil de anticipación.'
		);
		expect(m.convene_refused_late({ given: 3, days: 5, latest: 'x' }, es)).toContain(
			'da 3 días hábiles de anticipación y las reglas piden 5.'
		);
		expect(m.convene_refused_late({ given: 1, days: 5, latest: 'x' }, en)).toContain(
			'it gives 1 business day and'
		);
	});

	it('seats present in the minutes quorum log', () => {
		expect(m.minutes_pdf_quorum_not_met({ time: '10:05', present: 1, needed: 4 }, es)).toBe(
			'10:05 h — sin quórum: 1 asiento presente de 4 necesarios.'
		);
		expect(m.minutes_pdf_quorum_met({ time: '10:05', present: 4, needed: 4 }, es)).toBe(
			'10:05 h — hay quórum: 4 asientos presentes de 4 necesarios.'
		);
	});

	it('imports, dispatches and reports', () => {
		expect(m.non_working_days_imported({ count: 1 }, es)).toBe('Se importó 1 día inhábil nuevo.');
		expect(m.non_working_days_imported({ count: 2 }, es)).toBe(
			'Se importaron 2 días inhábiles nuevos.'
		);
		expect(m.dispatch_sent({ count: 1, recipients: 'ITAIP' }, es)).toBe(
			'Se envió 1 minuta a ITAIP.'
		);
		expect(m.plan_report_summary({ count: 1, value: 40 }, en)).toBe(
			'1 commitment; overall progress 40 %.'
		);
	});

	it('seats, hours, meetings and supports elsewhere in the catalogue', () => {
		expect(m.secretariat_seat_count({ count: 1 }, es)).toBe('1 asiento');
		expect(m.secretariat_seat_count({ count: 7 }, en)).toBe('7 seats');
		expect(m.secretariat_quorum_needed({ needed: 1, seats: 1 }, es)).toBe('1 de 1 asiento');
		expect(m.convene_cancellation_rule({ hours: 1, deadline: 'x' }, es)).toContain(
			'al menos 1 hora antes'
		);
		expect(m.convene_cancellation_rule({ hours: 24, deadline: 'x' }, en)).toContain(
			'at least 24 hours before'
		);
		expect(m.convene_cancellation_pending({ reason: 'r', approved: 0, total: 1 }, es)).toBe(
			'Cancelación solicitada (r): aprobaron 0 de 1 asiento.'
		);
		expect(
			m.term_report_attendance_line(
				{ name: 'Ana', role: 'Titular', attended: 1, held: 1, until: 'x' },
				es
			)
		).toBe('• Ana (Titular): asistió a 1 de 1 sesión; periodo hasta x');
		expect(m.removal_intro({ count: 1 }, es)).toContain(
			'al menos 1 asiento distinto del suyo puede'
		);
		expect(m.removal_intro({ count: 2 }, en)).toContain('at least 2 seats other than theirs');
		expect(m.removal_supports({ count: 0, needed: 1 }, en)).toBe('Supports: 0 of 1 seat');
	});
});
