/**
 * Preset 'tacambaro-stm': the operating rules of the Tacámbaro, Michoacán STM
 * (seeds/tacambaro-stm-lineamientos.md, source file 004_449376683eebb958.txt). Every value carries its
 * section and item; where the rules are silent the product's default applies (RULES.md "Where the
 * documents are silent") and the reference list is empty.
 *
 * Seats: T I.1 asks for at least five sectors and is "sin ser limitativo"; the preset takes the seven
 * seats of the integration table T VIII.1 (guarantor, two authorities, civil society, academia, two
 * citizens). Its "Autoridad" rows are read as the municipal government T I.1 names.
 *
 * Glossary: Secretariado Técnico Municipal → kind 'stm'; Autoridad / Gobierno Municipal →
 * 'municipal-government'; Academia → 'academia'; Ciudadanía / ciudadano → 'citizenry';
 * micrositio → 'microsite'; IMAIP (state guarantor) → oversight recipient; administración municipal →
 * term 'municipal-administration'; propietario → titular.
 */
import { createProductDefaults, type BodyRulesPreset } from '../body-rules';

const defaults = createProductDefaults();

export const tacambaroStmPreset: BodyRulesPreset = {
	id: 'tacambaro-stm',
	sourceTitle:
		'Lineamientos de operación del Secretariado Técnico Municipal de Gobierno Abierto del Municipio de Tacámbaro, Michoacán',
	sourceFile: 'tacambaro-stm-lineamientos.md',
	rules: {
		kind: 'stm', // T I.1: Secretariado Técnico Municipal
		seats: [
			// T VIII.1, in the table's order
			{ id: 'guarantor', sector: 'guarantor' },
			{ id: 'authority-1', sector: 'municipal-government' },
			{ id: 'authority-2', sector: 'municipal-government' },
			{ id: 'civil-society', sector: 'civil-society' },
			{ id: 'academia', sector: 'academia' },
			{ id: 'citizenry-1', sector: 'citizenry' },
			{ id: 'citizenry-2', sector: 'citizenry' }
		],
		seatCount: { min: 5, max: null }, // T I.1: "por lo menos sin ser limitativo", five sectors
		minCivilSocietyPersons: 0, // silent beyond its civil-society and citizen seats
		substitutesPerSeat: 1, // T I.1: "contando con un suplente por cada titular"
		quorum: { kind: 'majority' }, // T III.2: "el 50 % mas 1"
		remoteAttendanceCounts: defaults.remoteAttendanceCounts, // silent: product default
		meetings: { ordinaryFrequency: 'monthly', extraordinary: 'when-warranted' }, // T III.3
		notice: { ordinaryBusinessDays: 5, extraordinaryBusinessDays: 2, agendaAttached: true }, // T III.4
		cancellation: { minHoursBefore: 24, approval: 'all-members' }, // T III.5
		convenedBy: 'facilitator', // T VI.2
		presidedBy: 'facilitator', // T VI.3
		directedBy: 'facilitator', // T VI.5
		facilitatorVotes: false, // T III.9: "derecho a voz sin voto"
		decision: defaults.decision, // T IV: consensus, majority vote where positions differ; majority details: product default
		agendaApprovedAtEachMeeting: true, // T III.1
		meetingOrder: defaults.meetingOrder, // silent: product default, Z art. 8
		minutes: {
			draftedBy: 'facilitator', // T VI.7: acta circunstanciada
			approvalRequired: true, // T III.6
			initialedOnEveryPage: true, // T III.6: "rubricada en cada hoja"
			signedAtBottomSameDay: true, // T III.6: "firmada al calce en la misma fecha"
			signedBy: 'all-members', // T III.6: "por todos los integrantes del STM"
			copyToEachMember: true // T III.7
		},
		// T III.8: electronically to the IMAIP "a más tardar el último día de cada mes, posteriores a la
		// celebración de la sesión" (read: end of the month after the meeting); T VI.12: the facilitator
		// ensures it. The recipient is a setting (RULES.md).
		oversight: { deadline: 'end-of-following-month', dispatchedBy: 'facilitator', recipient: null },
		observers: { promotion: 'in-meetings', convenedBy: 'facilitator' }, // T III.10, VI.4
		attendeeVoice: defaults.attendeeVoice, // silent: product default, voice without vote
		// T I.4: as long as the municipal administration; no re-election limit stated; T I.6: handover
		term: {
			length: { kind: 'municipal-administration' },
			maxReelections: null,
			handoverAtEnd: true
		},
		removal: { minProposers: 2, votedBy: 'all-members', atNextMeeting: true }, // T I.3: "en la sesión más próxima"
		electronicChannelRequired: true, // T III.11
		website: {
			kind: 'microsite', // T III.12: "un micrositio dentro de su página web"
			sections: [
				'body-minutes-evidence-communiques', // T III.12 a
				'commitments-progress-and-activities', // T III.12 b
				'contact', // T III.12 c
				'open-data', // T III.12 d
				'links-of-interest', // T III.12 e
				'questions-complaints-suggestions', // T III.12 f
				'join-the-exercise' // T III.12 g
			]
		},
		liaison: 'none', // silent
		ethicsPrinciples: [], // silent
		nonWorkingDays: defaults.nonWorkingDays, // the body declares its own
		timeZone: defaults.timeZone // Michoacán keeps central time: America/Mexico_City
	},
	references: {
		kind: ['T I.1'],
		seats: ['T I.1', 'T VIII.1'],
		seatCount: ['T I.1'],
		minCivilSocietyPersons: [],
		substitutesPerSeat: ['T I.1'],
		quorum: ['T III.2'],
		remoteAttendanceCounts: [],
		meetings: ['T III.3'],
		notice: ['T III.4'],
		cancellation: ['T III.5'],
		convenedBy: ['T VI.2'],
		presidedBy: ['T VI.3'],
		directedBy: ['T VI.5'],
		facilitatorVotes: ['T III.9'],
		decision: ['T IV'],
		agendaApprovedAtEachMeeting: ['T III.1'],
		meetingOrder: [],
		minutes: ['T III.6', 'T III.7', 'T VI.7'],
		oversight: ['T III.8', 'T VI.12'],
		observers: ['T III.10', 'T VI.4'],
		attendeeVoice: [],
		term: ['T I.4', 'T I.6'],
		removal: ['T I.3'],
		electronicChannelRequired: ['T III.11'],
		website: ['T III.12'],
		liaison: [],
		ethicsPrinciples: [],
		nonWorkingDays: [],
		timeZone: []
	},
	// The document asks for the minutes signed at the bottom and initialed on every page: an
	// autograph signature, whose electronic equal for public bodies is the e.firma (LFEA art. 7).
	suggestions: { signatureMethod: { value: 'efirma', references: ['T III.6'] } }
};
