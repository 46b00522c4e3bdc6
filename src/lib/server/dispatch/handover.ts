/**
 * The end-of-term hand-over package (Z art. 5, I I.7, T I.6: members hand all documentation to
 * their successors and the facilitator, and give an activity report): one ZIP (fflate) with every
 * document of the body — the installation act, each meeting's convocatoria, every version of the
 * minutes, the agreements register as CSV, each action plan's report — and a draft activity
 * report. The "Fin del periodo" page's download calls `buildHandoverZip`.
 */
import { inArray } from 'drizzle-orm';
import { zipSync, type Zippable } from 'fflate';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../db';
import { attendance, minutesVersions } from '../db/schema';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { listMembers } from '../secretariats/members';
import { listMeetings } from '../meetings/meetings';
import { listAgreements } from '../meetings/agreements';
import { buildConvocatoriaPdf, buildInstallationPdf } from '../documents/body-documents';
import { convocatoriaFolio } from '../documents/convocatoria-pdf';
import { issueMinutesPdf } from '../minutes/minutes-files';
import { listPlans, readPlan } from '../plan/plans';
import { listProgressUpdates } from '../plan/progress';
import { renderReportPdf } from '../plan/report';
import { toLocalDate } from '../../rules/local-dates';
import { composeActivityReport } from './activity-report';
import { minutesPdfFilename } from './minutes-dispatch';

const encoder = new TextEncoder();
const BOM = '\ufeff';

/** Every document of the body in one ZIP, plus the draft activity report. */
export async function buildHandoverZip(
	db: Database,
	body: LoadedSecretariat,
	input: { origin: string; withContacts: boolean; now?: Date }
): Promise<Uint8Array> {
	const now = input.now ?? new Date();
	const { timeZone } = body.rules;
	const today = toLocalDate(now, timeZone);
	const slug = body.secretariat.slug;
	const files: Zippable = {};

	files['acta-de-instalacion.pdf'] = await buildInstallationPdf(db, body, input.withContacts);

	const bodyMeetings = await listMeetings(db, body.secretariat.id);
	for (const meeting of bodyMeetings) {
		const folio = convocatoriaFolio(slug, meeting, timeZone);
		files[`convocatorias/${folio}.pdf`] = await buildConvocatoriaPdf(db, body, meeting);
	}
	const meetingIds = bodyMeetings.map((meeting) => meeting.id);
	const versions = meetingIds.length
		? await db.select().from(minutesVersions).where(inArray(minutesVersions.meetingId, meetingIds))
		: [];
	for (const version of versions) {
		const meeting = bodyMeetings.find((m) => m.id === version.meetingId)!;
		const start = meeting.startedAt ?? meeting.scheduledAt;
		files[`minutas/${minutesPdfFilename(slug, start, version.number)}`] = await issueMinutesPdf(
			db,
			version,
			input.origin
		);
	}

	const register = await listAgreements(db, body, {}, now);
	files['registro-de-acuerdos.csv'] = encoder.encode(
		BOM +
			stringify(
				register.map((entry) => ({
					acuerdo: `${entry.year}-${entry.number}`,
					texto: entry.text,
					sesion: entry.meetingTitle,
					fecha_sesion: entry.meetingAt.toISOString(),
					estado: entry.status,
					fecha_compromiso: entry.dueOn ?? '',
					responsable: entry.responsibleName ?? '',
					vencido: entry.overdue ? 'si' : 'no',
					notas: entry.notes.map((note) => note.text).join(' | ')
				})),
				{
					header: true,
					columns: [
						'acuerdo',
						'texto',
						'sesion',
						'fecha_sesion',
						'estado',
						'fecha_compromiso',
						'responsable',
						'vencido',
						'notas'
					]
				}
			)
	);

	const plans = [];
	for (const plan of await listPlans(db, body.secretariat.id)) {
		const view = await readPlan(db, body.secretariat.id, plan.id, today);
		if (!view) continue;
		const updates = await listProgressUpdates(
			db,
			view.commitments.flatMap((c) => c.activities.map((a) => a.id))
		);
		files[`plan/reporte-plan-${plan.id.slice(0, 8)}.pdf`] = new Uint8Array(
			await renderReportPdf({ bodyName: body.secretariat.name, view, today, timeZone, updates })
		);
		plans.push({
			title: view.plan.title,
			commitments: view.commitments.map((c) => ({
				title: c.title,
				progress: c.progress,
				status: c.status
			}))
		});
	}

	const held = bodyMeetings.filter((meeting) => meeting.status === 'closed');
	const heldIds = held.map((meeting) => meeting.id);
	const attended = heldIds.length
		? await db
				.select({ memberId: attendance.memberId, meetingId: attendance.meetingId })
				.from(attendance)
				.where(inArray(attendance.meetingId, heldIds))
		: [];
	const people = (await listMembers(db, body.secretariat.id)).filter((p) =>
		['titular', 'substitute', 'facilitator'].includes(p.role)
	);
	files['informe-de-actividades-borrador.txt'] = encoder.encode(
		composeActivityReport({
			bodyName: body.secretariat.name,
			today,
			meetings: [...held]
				.sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime())
				.map((meeting) => ({
					day: toLocalDate(meeting.startedAt ?? meeting.scheduledAt, timeZone),
					title: meeting.title,
					kind: meeting.kind
				})),
			people: people.map((person) => ({
				name: person.name,
				role: person.role,
				attended: new Set(attended.filter((a) => a.memberId === person.id).map((a) => a.meetingId))
					.size,
				termEndsOn: person.termEndsOn
			})),
			agreements: [...register]
				.reverse()
				.map(({ year, number, text, status }) => ({ year, number, text, status })),
			plans
		})
	);

	return zipSync(files, { level: 6, mtime: now });
}
