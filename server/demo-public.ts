/**
 * The demo's public sites: for each demo body, its contact data, two communiqués, links of
 * interest, its seat holders' consent to publication (the demo people are invented), and a closed
 * installation meeting with evidence — a photo (made with sharp) and a PDF (pdfkit) — stored like
 * any upload. Skipped for a body whose contact data already exists (idempotent).
 */
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../src/lib/server/db/index';
import { meetings, members, publicContacts } from '../src/lib/server/db/schema';
import { loadSecretariat } from '../src/lib/server/secretariats/secretariats';
import { createMeeting } from '../src/lib/server/meetings/meetings';
import {
	addCommunique,
	addPublicLink,
	savePublicContact
} from '../src/lib/server/public/site-content';
import { storeEvidence } from '../src/lib/server/public/evidence';
import { DEMO_BODIES } from './demo-bodies';

const LINKS = [
	{ title: 'Alianza para el Gobierno Abierto', url: 'https://www.opengovpartnership.org/es/' },
	{
		title: 'Plataforma Nacional de Transparencia',
		url: 'https://www.plataformadetransparencia.org.mx/'
	},
	{ title: 'Datos abiertos de México', url: 'https://datos.gob.mx/' }
];

function demoPdf(title: string): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		const doc = new PDFDocument({ size: 'LETTER', info: { Title: title } });
		const chunks: Buffer[] = [];
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		doc.on('error', reject);
		doc.fontSize(18).text(title).moveDown();
		doc.fontSize(12).text('Lista de asistencia de la sesión de instalación (demostración).');
		doc.end();
	});
}

/** Seeds every demo body's public site; called by seedDemo after the bodies exist. */
export async function seedDemoPublicSites(db: Database): Promise<void> {
	for (const [index, demo] of DEMO_BODIES.entries()) {
		const body = await loadSecretariat(db, demo.slug);
		if (!body) continue;
		const id = body.secretariat.id;
		const [done] = await db
			.select()
			.from(publicContacts)
			.where(eq(publicContacts.secretariatId, id));
		if (done) continue;
		await savePublicContact(db, id, {
			contactName: 'Facilitación del secretariado',
			email: `contacto.${demo.slug}@demo.mesa-abierta.mx`,
			phone: `800 000 00${index}0`,
			address: 'Palacio de Gobierno, planta baja',
			hours: 'Lunes a viernes, de 9:00 a 15:00'
		});
		await addCommunique(db, id, {
			title: `Se instala el ${demo.name}`,
			body: 'El secretariado técnico quedó instalado y aprobó su calendario de sesiones.',
			publish: true
		});
		await addCommunique(db, id, {
			title: 'Consulta pública del plan de acción',
			body: 'Invitamos a la ciudadanía a enviar propuestas por el buzón de este sitio.',
			publish: true
		});
		for (const link of LINKS) await addPublicLink(db, id, link);
		await db
			.update(members)
			.set({ publicConsent: true })
			.where(
				and(
					eq(members.secretariatId, id),
					inArray(members.role, ['titular', 'substitute', 'facilitator'])
				)
			);
		const meeting = await createMeeting(db, body, {
			kind: 'ordinary',
			title: 'Sesión de instalación',
			scheduledAt: new Date('2026-01-15T17:00:00Z'),
			place: 'Sala de cabildo'
		});
		// A past meeting, seeded as held: its evidence is what the public site shows.
		await db
			.update(meetings)
			.set({ status: 'closed', startedAt: meeting.scheduledAt, endedAt: meeting.scheduledAt })
			.where(eq(meetings.id, meeting.id));
		const photo = await sharp({
			create: { width: 960, height: 640, channels: 3, background: index ? '#7c2d12' : '#0f4c5c' }
		})
			.jpeg({ quality: 70 })
			.toBuffer();
		for (const [title, bytes] of [
			['Foto de la sesión de instalación', new Uint8Array(photo)],
			['Lista de asistencia', await demoPdf(`Lista de asistencia — ${demo.name}`)]
		] as const)
			await storeEvidence(db, {
				secretariatId: id,
				meetingId: meeting.id,
				title,
				bytes,
				uploadedBy: null
			});
	}
}
