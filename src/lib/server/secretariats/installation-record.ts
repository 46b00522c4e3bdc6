/**
 * The integration tables of the installation act (I VIII and its national template: "Integrantes",
 * "Suplentes", "Facilitador"), each row with the organisation, the representative and the contact
 * data, read from the secretariat's seats and members. The page shows them; the minutes work
 * renders the same rows into the act's PDF.
 */
import type { Member, SeatRow } from '../db/schema';

export interface InstallationRow {
	sector: string;
	organisation: string;
	representative: string;
	position: string;
	email: string;
	phone: string;
}

export interface InstallationRecord {
	titulares: InstallationRow[];
	substitutes: InstallationRow[];
	facilitators: InstallationRow[];
}

/** Builds the three tables; a vacant place appears as a row with an empty representative. */
export function buildInstallationRecord(seats: SeatRow[], people: Member[]): InstallationRecord {
	const row = (seat: SeatRow | null, member: Member | undefined): InstallationRow => ({
		sector: seat?.sector ?? '',
		organisation: seat?.organisation ?? '',
		representative: member?.name ?? '',
		position: member?.position ?? '',
		email: member?.email ?? '',
		phone: member?.phone ?? ''
	});
	const holder = (seat: SeatRow, role: 'titular' | 'substitute') =>
		people.find((p) => p.seatId === seat.id && p.role === role);
	return {
		titulares: seats.map((seat) => row(seat, holder(seat, 'titular'))),
		substitutes: seats.map((seat) => row(seat, holder(seat, 'substitute'))),
		facilitators: people.filter((p) => p.role === 'facilitator').map((p) => row(null, p))
	};
}
