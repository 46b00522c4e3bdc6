/**
 * The closed lists of codes a body's rules are made of — sectors, the kinds of agenda item of a
 * meeting's order, the website's sections, the ethics principles, the time zones, the preset ids.
 * The schema (body-rules.ts) validates against them; the configuration UI lists them in its selects
 * and translates each code.
 *
 * Articles: Z art. 2 III, I I.1, T I.1 and VIII (sectors); Z art. 8 I–VI (order of a meeting);
 * Z art. 7.9, I III.12, T III.12 a–g (website); Z art. 4 a–h (ethics principles).
 *
 * Glossary: Poder Ejecutivo / Legislativo / Judicial → 'executive' / 'legislative' / 'judicial';
 * Gobierno Municipal / Autoridad municipal → 'municipal-government'; organismo garante →
 * 'guarantor'; sociedad civil (organizada) → 'civil-society'; academia / instituciones educativas →
 * 'academia'; ciudadanía / ciudadano → 'citizenry'; apartado → website section; principio ético →
 * ethics principle.
 */

/** Z art. 2 III, I I.1, T I.1 and VIII: who a seat represents. */
export const sectors = [
	'executive',
	'legislative',
	'judicial',
	'municipal-government',
	'guarantor',
	'civil-society',
	'academia',
	'citizenry'
] as const;

/** Z art. 8 I–VI, in order: the order of a meeting. */
export const agendaItemKinds = [
	'quorum-check',
	'agenda-approval',
	'previous-minutes-approval',
	'reports-and-follow-up',
	'topics-and-conclusions',
	'materials-distribution'
] as const;

/** Z art. 7.9 a–g, I III.12 a–g, T III.12 a–g: the sections of the public website. */
export const websiteSections = [
	'body-minutes-evidence-communiques',
	'commitments-progress-and-activities',
	'contact',
	'open-data',
	'links-of-interest',
	'questions-complaints-suggestions',
	'join-the-exercise'
] as const;

/** Z art. 4 a–h. */
export const ethicsPrinciples = [
	'honesty',
	'service',
	'discipline',
	'responsibility',
	'punctuality',
	'efficacy',
	'objectivity',
	'commitment'
] as const;

/** The IANA zones of Mexico; a body's deadlines are computed in its own. */
export const mexicanTimeZones = [
	'America/Mexico_City',
	'America/Cancun',
	'America/Merida',
	'America/Monterrey',
	'America/Matamoros',
	'America/Chihuahua',
	'America/Ciudad_Juarez',
	'America/Ojinaga',
	'America/Mazatlan',
	'America/Bahia_Banderas',
	'America/Hermosillo',
	'America/Tijuana'
] as const;

/** The three presets, in the order RULES.md lists them (see presets/). */
export const presetIds = ['zacatecas-stl', 'inai-stl', 'tacambaro-stm'] as const;
export type PresetId = (typeof presetIds)[number];
