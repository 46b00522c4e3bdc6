/**
 * The interface's words for the rules module's codes: validation issues ('rules.quorum.exceeds-seats'),
 * sectors, agenda items and options. The rules module returns codes only; this is the one place
 * that turns them into the user's language, from the catalogues.
 */
import { m } from '$lib/paraglide/messages';
import { findMessage } from './messages';

function lookUp(key: string, fallback: () => string): string {
	const message = findMessage(key);
	return message ? message() : fallback();
}

const keyPart = (code: string) => code.replace(/[.-]/g, '_');

/** A rules issue code as a sentence. */
export function describeRulesIssue(code: string): string {
	return lookUp(`rules_error_${keyPart(code.replace(/^rules\./, ''))}`, () =>
		m.rules_error_unknown({ code })
	);
}

/** A sector's name. */
export function sectorLabel(sector: string): string {
	return lookUp(`sector_${keyPart(sector)}`, () => sector);
}

/** An option of a rules parameter, e.g. ('oversight_deadline', 'end-of-meeting-month'). */
export function rulesOptionLabel(field: string, value: string): string {
	return lookUp(`rules_option_${field}_${keyPart(value)}`, () => value);
}

/** A parameter's label, e.g. 'notice_ordinary_business_days'. */
export function rulesParamLabel(param: string): string {
	return lookUp(`rules_param_${param}`, () => param);
}

/** A time zone's name, e.g. 'America/Mexico_City' → "Centro (Ciudad de México)". */
export function timeZoneLabel(zone: string): string {
	return lookUp(`rules_option_time_zone_${zone.toLowerCase().replace(/[/-]/g, '_')}`, () => zone);
}

/** An agenda item's title: its own, else its kind's name (Z art. 8's I–VI), else the kind's code. */
export function agendaItemTitle(item: { kind: string; title: string }): string {
	return item.title || lookUp(`agenda_item_${keyPart(item.kind)}`, () => item.kind);
}
