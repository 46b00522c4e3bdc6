/**
 * The facilitator's roll call, by seat: each seat of the body with its titular and substitute side
 * by side (Z art. 5: a seat's vote is one, whoever of the two holds it), then the people without a
 * seat — the facilitator, companions, guests, observers — apart. The console marks each present,
 * remote or absent from the live state.
 */
import type { Member, SeatRow } from '$lib/server/db/schema';

export interface RollCallPerson {
	id: string;
	name: string;
	role: string;
}

export interface RollCall {
	seats: {
		/** The seat's key, as the live state names seats (`voters`, `votedSeats`). */
		key: string;
		sector: string;
		organisation: string;
		titular: RollCallPerson | null;
		substitute: RollCallPerson | null;
	}[];
	others: RollCallPerson[];
}

const SEATLESS_ORDER = ['facilitator', 'companion', 'guest', 'observer'];

/** The roll call of a body's seats and people, in the body's seat order; admins do not attend. */
export function buildRollCall(
	seats: readonly Pick<SeatRow, 'id' | 'key' | 'sector' | 'organisation' | 'sortOrder'>[],
	people: readonly Pick<Member, 'id' | 'name' | 'role' | 'seatId'>[]
): RollCall {
	const person = (p: Pick<Member, 'id' | 'name' | 'role'>) => ({
		id: p.id,
		name: p.name,
		role: p.role
	});
	const holder = (seatId: string, role: 'titular' | 'substitute') => {
		const found = people.find((p) => p.seatId === seatId && p.role === role);
		return found ? person(found) : null;
	};
	return {
		seats: [...seats]
			.sort((a, b) => a.sortOrder - b.sortOrder)
			.map((seat) => ({
				key: seat.key,
				sector: seat.sector,
				organisation: seat.organisation,
				titular: holder(seat.id, 'titular'),
				substitute: holder(seat.id, 'substitute')
			})),
		others: people
			.filter((p) => SEATLESS_ORDER.includes(p.role))
			.sort((a, b) => SEATLESS_ORDER.indexOf(a.role) - SEATLESS_ORDER.indexOf(b.role))
			.map(person)
	};
}
