/**
 * The live room's words for roles, sectors and agenda items, looked up once (the lead unifies
 * these with the shared role label of issue 11 item 8).
 */
import { m } from '$lib/paraglide/messages';

const messages = m as unknown as Record<string, (() => string) | undefined>;
const key = (value: string) => value.replace(/-/g, '_');

/** A role as people read it ("Titular", "Suplente", …), or the role's code when unknown. */
export const roleName = (role: string) => messages[`role_${key(role)}`]?.() ?? role;

/** A seat's sector ("Poder Ejecutivo", …). */
export const sectorName = (sector: string) => messages[`sector_${key(sector)}`]?.() ?? sector;

/** An agenda item's title, or its kind's name when it has none. */
export const agendaItemName = (item: { kind: string; title: string }) =>
	item.title || messages[`agenda_item_${key(item.kind)}`]?.() || item.kind;

/** Agenda positions as the order of a session numbers them (Z art. 8: I–VI). */
export const romanNumeral = (position: number) =>
	['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'][position] ??
	String(position + 1);
