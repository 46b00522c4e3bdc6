/**
 * Preset 'zacatecas-stl': the Lineamientos of the Zacatecas state STL (seeds/zacatecas-stl-lineamientos.md,
 * source file 000_ab35e914d224f254.txt). Every value carries its article; where the Lineamientos are
 * silent the product's default applies (RULES.md "Where the documents are silent") and the reference
 * list is empty.
 *
 * Glossary: Comisión Estatal para el Acceso a la Información Pública → 'guarantor' seat;
 * Sociedad Civil Organizada → 'civil-society'; Instituciones Educativas → 'academia';
 * Gobierno Municipal → 'municipal-government'; Poder Ejecutivo / Legislativo / Judicial →
 * 'executive' / 'legislative' / 'judicial'.
 */
import { createProductDefaults, type BodyRulesPreset } from '../body-rules';

const defaults = createProductDefaults();

export const zacatecasStlPreset: BodyRulesPreset = {
	id: 'zacatecas-stl',
	sourceTitle:
		'Lineamientos del Secretariado Técnico Local de Gobierno Abierto del Estado de Zacatecas',
	sourceFile: 'zacatecas-stl-lineamientos.md',
	rules: {
		kind: 'stl', // Z art. 2 III: Secretariado Técnico Local
		seats: [
			// Z art. 2 III: seven members, in the article's order
			{ id: 'executive', sector: 'executive' },
			{ id: 'legislative', sector: 'legislative' },
			{ id: 'judicial', sector: 'judicial' },
			{ id: 'municipal-government', sector: 'municipal-government' },
			{ id: 'civil-society', sector: 'civil-society' },
			{ id: 'academia', sector: 'academia' },
			{ id: 'guarantor', sector: 'guarantor' }
		],
		seatCount: { min: 7, max: 7 }, // Z art. 2 III: "integrado por siete miembros"
		minCivilSocietyPersons: 2, // Z art. 5: "incluyendo siempre a dos personas de la sociedad civil"
		substitutesPerSeat: 1, // Z art. 2 III: "y mismo número de suplentes"
		quorum: { kind: 'majority' }, // Z art. 7.1: 50 % más 1 of the members or their substitutes
		remoteAttendanceCounts: defaults.remoteAttendanceCounts, // silent: product default
		meetings: { ordinaryFrequency: 'monthly', extraordinary: 'when-warranted' }, // Z art. 7.2
		notice: { ordinaryBusinessDays: 5, extraordinaryBusinessDays: 2, agendaAttached: true }, // Z art. 7.3
		cancellation: { minHoursBefore: 24, approval: 'all-members' }, // Z art. 7.4
		convenedBy: 'guarantor', // Z art. 11 I
		presidedBy: 'none', // silent: no president named; the facilitator directs (Z art. 9.1)
		directedBy: 'facilitator', // Z art. 9.1
		facilitatorVotes: defaults.facilitatorVotes, // silent: product default, voice without vote
		decision: defaults.decision, // silent: product default, as I IV and T IV
		agendaApprovedAtEachMeeting: true, // Z art. 7: members approve the agenda of each meeting
		meetingOrder: { items: defaults.meetingOrder.items, indicative: true }, // Z art. 8 I–VI, "indicativo más no limitativo"
		minutes: {
			draftedBy: 'facilitator', // Z art. 9.3: acta circunstanciada
			approvalRequired: true, // Z art. 7.5
			initialedOnEveryPage: true, // Z art. 7.5: "rubricada en cada hoja"
			signedAtBottomSameDay: true, // Z art. 7.5: "firmada al calce en la misma fecha"
			signedBy: 'members-who-took-part', // Z art. 7.5: "que hayan participado"
			copyToEachMember: true // Z art. 7.6
		},
		// Z art. 11 III: the guarantor keeps the national body informed, no deadline; recipient is a setting
		oversight: { deadline: 'none', dispatchedBy: 'guarantor', recipient: null },
		observers: { promotion: 'at-least-one-meeting-per-term', convenedBy: 'guarantor' }, // Z art. 7.7, 11 II
		attendeeVoice: { companions: true, guests: true }, // Z art. 7.10–11: voice without vote
		term: { length: { kind: 'years', years: 1 }, maxReelections: 1, handoverAtEnd: true }, // Z art. 5
		removal: { minProposers: 2, votedBy: 'all-members', atNextMeeting: false }, // Z art. 5 (no "next meeting")
		electronicChannelRequired: true, // Z art. 7.8
		website: {
			kind: 'website', // Z art. 7.9: "una página web"
			sections: [
				'body-minutes-evidence-communiques', // Z art. 7.9 a
				'commitments-progress-and-activities', // Z art. 7.9 b
				'contact', // Z art. 7.9 c
				'open-data', // Z art. 7.9 d
				'links-of-interest', // Z art. 7.9 e
				'questions-complaints-suggestions', // Z art. 7.9 f
				'join-the-exercise' // Z art. 7.9 g
			]
		},
		liaison: 'none', // silent
		// Z art. 4 a–h
		ethicsPrinciples: [
			'honesty',
			'service',
			'discipline',
			'responsibility',
			'punctuality',
			'efficacy',
			'objectivity',
			'commitment'
		],
		nonWorkingDays: defaults.nonWorkingDays, // the body declares its own
		timeZone: defaults.timeZone // Zacatecas keeps central time: America/Mexico_City
	},
	references: {
		kind: ['Z art. 2 III'],
		seats: ['Z art. 2 III'],
		seatCount: ['Z art. 2 III'],
		minCivilSocietyPersons: ['Z art. 5'],
		substitutesPerSeat: ['Z art. 2 III'],
		quorum: ['Z art. 7.1'],
		remoteAttendanceCounts: [],
		meetings: ['Z art. 7.2'],
		notice: ['Z art. 7.3'],
		cancellation: ['Z art. 7.4'],
		convenedBy: ['Z art. 11 I'],
		presidedBy: [],
		directedBy: ['Z art. 9.1'],
		facilitatorVotes: [],
		decision: [],
		agendaApprovedAtEachMeeting: ['Z art. 7'],
		meetingOrder: ['Z art. 8'],
		minutes: ['Z art. 7.5', 'Z art. 7.6', 'Z art. 9.3'],
		oversight: ['Z art. 11 III'],
		observers: ['Z art. 7.7', 'Z art. 11 II'],
		attendeeVoice: ['Z art. 7.10', 'Z art. 7.11'],
		term: ['Z art. 5'],
		removal: ['Z art. 5'],
		electronicChannelRequired: ['Z art. 7.8'],
		website: ['Z art. 7.9'],
		liaison: [],
		ethicsPrinciples: ['Z art. 4'],
		nonWorkingDays: [],
		timeZone: []
	},
	// The document asks for the minutes signed at the bottom and initialed on every page: an
	// autograph signature, whose electronic equal for public bodies is the e.firma (LFEA art. 7).
	suggestions: { signatureMethod: { value: 'efirma', references: ['Z art. 7.5'] } }
};
