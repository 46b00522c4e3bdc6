/**
 * The live room's words for roles, sectors and agenda items: the shared labels of `$lib/i18n`
 * under the names the room's components use.
 */
import { roleLabel } from '$lib/i18n/roles';
import { agendaItemTitle, sectorLabel } from '$lib/i18n/rules';

/** A role as people read it ("Titular", "Suplente", …), or the role's code when unknown. */
export const roleName = roleLabel;

/** A seat's sector ("Poder Ejecutivo", …). */
export const sectorName = sectorLabel;

/** An agenda item's title, or its kind's name when it has none. */
export const agendaItemName = agendaItemTitle;

/** Agenda positions as the order of a session numbers them (Z art. 8: I–VI). */
export const romanNumeral = (position: number) =>
	['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'][position] ??
	String(position + 1);
