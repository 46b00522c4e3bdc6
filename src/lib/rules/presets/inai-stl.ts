/**
 * Preset 'inai-stl': the INAI national template of a state STL's installation act
 * (seeds/inai-acta-instalacion-stl.md, source file 002_1df165dfc1cdcddb.txt). Every value carries its
 * section and item; where the template is silent the product's default applies (RULES.md "Where the
 * documents are silent") and the reference list is empty.
 *
 * Glossary: Autoridad (en representación del Gobierno del estado) → 'executive' seat 'authority';
 * organismo garante local → 'guarantor'; Sociedad Civil → 'civil-society'; quincenal → 'biweekly';
 * enlace → liaison.
 */
import { createProductDefaults, type BodyRulesPreset } from '../body-rules';

const defaults = createProductDefaults();

export const inaiStlPreset: BodyRulesPreset = {
	id: 'inai-stl',
	sourceTitle:
		'Acta de instalación del Secretariado Técnico Local de Gobierno Abierto del estado de (nombre de la entidad federativa) para el despliegue del ejercicio de Gobierno Abierto',
	sourceFile: 'inai-acta-instalacion-stl.md',
	rules: {
		kind: 'stl', // I title and I I.1: Secretariado Técnico Local
		seats: [
			{ id: 'authority', sector: 'executive' }, // I I.1: "una autoridad, en representación del Gobierno del estado"; I VIII.1
			{ id: 'guarantor', sector: 'guarantor' }, // I I.1, VIII.1
			{ id: 'civil-society', sector: 'civil-society' } // I I.1, VIII.1
		],
		seatCount: { min: 3, max: 3 }, // I I.1: three members
		minCivilSocietyPersons: 0, // silent beyond the civil-society seat itself
		substitutesPerSeat: 1, // I VIII.2: a table of suplentes, one per seat
		quorum: { kind: 'all' }, // I III.2: "la presencia de los tres integrantes ... o de sus suplentes"
		remoteAttendanceCounts: defaults.remoteAttendanceCounts, // silent: product default
		meetings: { ordinaryFrequency: 'biweekly', extraordinary: 'when-warranted' }, // I III.3: "quincenalmente"
		notice: { ordinaryBusinessDays: 5, extraordinaryBusinessDays: 2, agendaAttached: true }, // I III.4
		cancellation: { minHoursBefore: 24, approval: 'all-members' }, // I III.5
		convenedBy: 'guarantor', // I V.2
		presidedBy: 'guarantor', // I V.1: "Presidir el STL"
		directedBy: 'facilitator', // I VI.2
		facilitatorVotes: false, // I III.9: "derecho a voz sin voto"
		decision: defaults.decision, // I IV: consensus, majority vote where positions differ; majority details: product default
		agendaApprovedAtEachMeeting: true, // I III.1
		meetingOrder: defaults.meetingOrder, // silent: product default, Z art. 8
		minutes: {
			draftedBy: 'facilitator', // I VI.4: acta circunstanciada
			approvalRequired: true, // I III.6
			initialedOnEveryPage: true, // I III.6: "rubricada en cada hoja"
			signedAtBottomSameDay: true, // I III.6: "firmada al calce en la misma fecha"
			signedBy: 'all-members', // I III.6: "por todos los integrantes del STL"
			copyToEachMember: true // I III.7
		},
		// I III.8: electronically, by the last day of each month; I V.5: the guarantor ensures it.
		// The recipient the template names (INAI's Secretaría Técnica) was dissolved in 2025: a setting.
		oversight: { deadline: 'end-of-meeting-month', dispatchedBy: 'guarantor', recipient: null },
		observers: { promotion: 'in-meetings', convenedBy: 'guarantor' }, // I III.10, V.3
		attendeeVoice: defaults.attendeeVoice, // silent: product default, voice without vote
		term: { length: { kind: 'years', years: 1 }, maxReelections: 1, handoverAtEnd: true }, // I I.4, I.5, I.7
		removal: { minProposers: 2, votedBy: 'all-members', atNextMeeting: true }, // I I.3: "en la sesión más próxima"
		electronicChannelRequired: true, // I III.11
		website: {
			kind: 'website', // I III.12: "una página web"
			sections: [
				'body-minutes-evidence-communiques', // I III.12 a
				'commitments-progress-and-activities', // I III.12 b
				'contact', // I III.12 c
				'open-data', // I III.12 d
				'links-of-interest', // I III.12 e
				'questions-complaints-suggestions', // I III.12 f
				'join-the-exercise' // I III.12 g
			]
		},
		liaison: 'named-by-guarantor', // I V.4
		ethicsPrinciples: [], // silent
		nonWorkingDays: defaults.nonWorkingDays, // the body declares its own
		timeZone: defaults.timeZone // a template: each state sets its own; default America/Mexico_City
	},
	references: {
		kind: ['I I.1'],
		seats: ['I I.1', 'I VIII.1'],
		seatCount: ['I I.1'],
		minCivilSocietyPersons: [],
		substitutesPerSeat: ['I VIII.2'],
		quorum: ['I III.2'],
		remoteAttendanceCounts: [],
		meetings: ['I III.3'],
		notice: ['I III.4'],
		cancellation: ['I III.5'],
		convenedBy: ['I V.2'],
		presidedBy: ['I V.1'],
		directedBy: ['I VI.2'],
		facilitatorVotes: ['I III.9'],
		decision: ['I IV'],
		agendaApprovedAtEachMeeting: ['I III.1'],
		meetingOrder: [],
		minutes: ['I III.6', 'I III.7', 'I VI.4'],
		oversight: ['I III.8', 'I V.5'],
		observers: ['I III.10', 'I V.3'],
		attendeeVoice: [],
		term: ['I I.4', 'I I.5', 'I I.7'],
		removal: ['I I.3'],
		electronicChannelRequired: ['I III.11'],
		website: ['I III.12'],
		liaison: ['I V.4'],
		ethicsPrinciples: [],
		nonWorkingDays: [],
		timeZone: []
	},
	// The document asks for the minutes signed at the bottom and initialed on every page: an
	// autograph signature, whose electronic equal for public bodies is the e.firma (LFEA art. 7).
	suggestions: { signatureMethod: { value: 'efirma', references: ['I III.6'] } }
};
