/**
 * The follow-up of the agreements register: which agreements are still open and which are overdue.
 *
 * Articles: Z art. 8 IV ("informes y seguimiento de acuerdos" at every meeting); Z art. 9, I VI,
 * T VI (the facilitator keeps the register of agreements and follows them up).
 *
 * Readings: an agreement is open while 'pending' or 'in-progress'; it is overdue when open and its
 * due date (a calendar day in the body's time zone, inclusive) has passed; an agreement without a due
 * date is never overdue. 'done' and 'cancelled' close it.
 *
 * Glossary: acuerdo → agreement; responsable → responsible member; fecha compromiso → due date;
 * pendiente / en proceso / cumplido / cancelado → 'pending' / 'in-progress' / 'done' / 'cancelled'.
 */
import type { IsoDate } from './local-dates';

export const agreementStatuses = ['pending', 'in-progress', 'done', 'cancelled'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

/** Whether an agreement still needs follow-up; the register's filter and the next meeting use it. */
export function isAgreementOpen(status: AgreementStatus): boolean {
	return status === 'pending' || status === 'in-progress';
}

/**
 * Whether an agreement is overdue on `today` (the body's local day): open and past its due date.
 * The register marks these, and so does the follow-up item of the next meeting.
 */
export function isAgreementOverdue(
	agreement: { status: AgreementStatus; dueOn: IsoDate | null },
	today: IsoDate
): boolean {
	return isAgreementOpen(agreement.status) && agreement.dueOn !== null && agreement.dueOn < today;
}
