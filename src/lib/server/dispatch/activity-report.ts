/**
 * The draft activity report of the end of term (Z art. 5, I I.7, T I.6: members "rendirán un
 * informe de actividades"): meetings held, each member's attendance, the agreements adopted with
 * their status, and the commitments' progress. A plain UTF-8 text in Spanish, like the body's
 * other documents, meant to be reviewed and completed by its authors, never handed over as is.
 */
import { es, esOr } from '../documents/es';

export interface ActivityReportInput {
	bodyName: string;
	today: string;
	meetings: { day: string; title: string; kind: 'ordinary' | 'extraordinary' }[];
	people: { name: string; role: string; attended: number; termEndsOn: string | null }[];
	agreements: { year: number; number: number; text: string; status: string }[];
	plans: { title: string; commitments: { title: string; progress: number; status: string }[] }[];
}

const underline = (line: string) => `${line}\n${'='.repeat(line.length)}`;

/** The report's text. The hand-over package (handover.ts) calls it. */
export function composeActivityReport(input: ActivityReportInput): string {
	const none = es('term_report_none');
	const block = (heading: string, lines: string[]) =>
		[heading, ...(lines.length ? lines : [none])].join('\n');
	const sections = [
		underline(es('term_report_title', { body: input.bodyName })),
		es('term_report_generated', { date: input.today }),
		block(
			es('term_report_meetings', { count: input.meetings.length }),
			input.meetings.map((meeting) =>
				es('term_report_meeting_line', {
					date: meeting.day,
					title: meeting.title,
					kind: es(`meeting_kind_${meeting.kind}`)
				})
			)
		),
		block(
			es('term_report_attendance_heading'),
			input.people.map((person) =>
				es('term_report_attendance_line', {
					name: person.name,
					role: esOr(`role_${person.role.replaceAll('-', '_')}`, person.role),
					attended: person.attended,
					held: input.meetings.length,
					until: person.termEndsOn ?? es('term_report_no_date')
				})
			)
		),
		block(
			es('term_report_agreements', { count: input.agreements.length }),
			input.agreements.map((agreement) =>
				es('term_report_agreement_line', {
					year: agreement.year,
					number: agreement.number,
					text: agreement.text,
					status: esOr(
						`agreements_status_${agreement.status.replaceAll('-', '_')}`,
						agreement.status
					)
				})
			)
		),
		...input.plans.map((plan) =>
			block(
				es('term_report_plan', { plan: plan.title }),
				plan.commitments.map((commitment) =>
					es('term_report_commitment_line', {
						title: commitment.title,
						progress: Math.round(commitment.progress),
						status: esOr(`plan_status_${commitment.status.replaceAll('-', '_')}`, commitment.status)
					})
				)
			)
		)
	];
	return sections.join('\n\n') + '\n';
}
