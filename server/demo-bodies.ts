/**
 * The demo's three bodies, one per preset, with invented people (example.mx-style addresses under
 * demo.mesa-abierta.mx, which the demo accounts share so that signing in shows their seats).
 */
import type { OtherRole, Person, SeatHolder } from '../src/lib/server/secretariats/members';

export interface DemoBody {
	slug: string;
	name: string;
	presetId: 'zacatecas-stl' | 'inai-stl' | 'tacambaro-stm';
	/** In the preset's seat order. */
	seats: { organisation: string; titular: SeatHolder; substitute: SeatHolder | null }[];
	others: { role: OtherRole; person: Person }[];
}

/** Every demo seat holder serves the term installed on 15 January 2026 (one year, Z art. 5). */
const TERM = { termStartsOn: '2026-01-15', termEndsOn: '2027-01-14', reelections: 0 };

const person = (name: string, position: string, email: string, phone = ''): SeatHolder => ({
	name,
	position,
	email: `${email}@demo.mesa-abierta.mx`,
	phone,
	...TERM
});

export const DEMO_BODIES: DemoBody[] = [
	{
		slug: 'stl-zacatecas',
		name: 'STL Zacatecas',
		presetId: 'zacatecas-stl',
		seats: [
			{
				organisation: 'Secretaría de la Función Pública',
				titular: person('Jorge Luis Ramírez Díaz', 'Secretario', 'zac.ejecutivo', '492 100 0001'),
				substitute: person(
					'Mariana Castro Gil',
					'Directora de Transparencia',
					'zac.ejecutivo.suplente'
				)
			},
			{
				organisation: 'Legislatura del Estado',
				titular: person(
					'Dip. Patricia Ortega Luna',
					'Presidenta de la Comisión de Transparencia',
					'zac.legislativo'
				),
				substitute: person('Héctor Villa Soto', 'Secretario técnico', 'zac.legislativo.suplente')
			},
			{
				organisation: 'Tribunal Superior de Justicia',
				titular: person('Mgdo. Arturo Nava Pérez', 'Magistrado', 'zac.judicial'),
				substitute: person(
					'Lucía Herrera Ríos',
					'Titular de la Unidad de Transparencia',
					'zac.judicial.suplente'
				)
			},
			{
				organisation: 'Ayuntamiento de Guadalupe',
				titular: person('Rosa Elena Medina', 'Síndica', 'zac.municipio'),
				substitute: person('Fernando Ibarra Cruz', 'Contralor', 'zac.municipio.suplente')
			},
			{
				organisation: 'Colectivo Ciudadano por la Transparencia',
				titular: person('Sofía Mares Delgado', 'Coordinadora', 'zac.sociedad.civil'),
				substitute: {
					name: 'Ana Karen Torres Ruiz',
					position: 'Integrante',
					email: 'sociedad.civil@demo.mesa-abierta.mx',
					phone: '492 100 0005',
					...TERM
				}
			},
			{
				organisation: 'Universidad Autónoma de Zacatecas',
				titular: person('Dr. Raúl Esparza Quiroz', 'Investigador', 'zac.academia'),
				substitute: person('Mtra. Irene Salinas Rivas', 'Profesora', 'zac.academia.suplente')
			},
			{
				organisation: 'Instituto Zacatecano de Transparencia (IZAI)',
				titular: {
					name: 'Ricardo Salas Vega',
					position: 'Comisionado presidente',
					email: 'garante@demo.mesa-abierta.mx',
					phone: '492 100 0007',
					...TERM
				},
				substitute: person('Norma Lizeth Acuña', 'Comisionada', 'zac.garante.suplente')
			}
		],
		others: [
			{
				role: 'facilitator',
				person: {
					name: 'Laura Méndez Ortiz',
					position: 'Facilitadora',
					email: 'facilitacion@demo.mesa-abierta.mx',
					phone: '492 100 0010'
				}
			},
			{
				role: 'companion',
				person: person('Daniel Robles Fierro', 'Asesor del Poder Ejecutivo', 'zac.acompanante')
			},
			{
				role: 'observer',
				person: person('Gabriela Pinedo Sáenz', 'Observadora social', 'zac.observadora')
			}
		]
	},
	{
		slug: 'stl-plantilla-nacional',
		name: 'STL Plantilla nacional',
		presetId: 'inai-stl',
		seats: [
			{
				organisation: 'Gobierno del Estado',
				titular: person('Carlos Téllez Bravo', 'Secretario de Gobierno', 'inai.autoridad'),
				substitute: person('Eva Paredes Núñez', 'Subsecretaria', 'inai.autoridad.suplente')
			},
			{
				organisation: 'Órgano garante estatal',
				titular: person('Itzel Romo Campos', 'Comisionada', 'inai.garante'),
				substitute: person('Omar Lugo Ferrer', 'Secretario ejecutivo', 'inai.garante.suplente')
			},
			{
				organisation: 'Red de organizaciones civiles',
				titular: person('Beatriz Ochoa Lara', 'Representante', 'inai.sociedad'),
				substitute: null
			}
		],
		others: [
			{
				role: 'facilitator',
				person: person('Martín Ávila Serrano', 'Facilitador', 'inai.facilitacion')
			}
		]
	},
	{
		slug: 'stm-tacambaro',
		name: 'STM Tacámbaro',
		presetId: 'tacambaro-stm',
		seats: [
			{
				organisation: 'IMAIP',
				titular: person('Paola Cortés Arriaga', 'Comisionada', 'tac.garante'),
				substitute: null
			},
			{
				organisation: 'H. Ayuntamiento de Tacámbaro',
				titular: person('José Manuel Bautista', 'Presidente municipal', 'tac.autoridad1'),
				substitute: null
			},
			{
				organisation: 'H. Ayuntamiento de Tacámbaro',
				titular: person('Leticia Zavala Pérez', 'Secretaria del Ayuntamiento', 'tac.autoridad2'),
				substitute: null
			},
			{
				organisation: 'Consejo Ciudadano',
				titular: person('Ramón Galván Oropeza', 'Presidente', 'tac.sociedad'),
				substitute: null
			},
			{
				organisation: 'Instituto Tecnológico de Tacámbaro',
				titular: person('Dra. Silvia Cano Méndez', 'Directora', 'tac.academia'),
				substitute: null
			},
			{
				organisation: '',
				titular: person('Teresa Aguilar Ruiz', 'Ciudadana', 'tac.ciudadania1'),
				substitute: null
			},
			{
				organisation: '',
				titular: person('Víctor Huerta Solís', 'Ciudadano', 'tac.ciudadania2'),
				substitute: null
			}
		],
		others: [
			{
				role: 'facilitator',
				person: person('Alejandra Morales Tapia', 'Facilitadora', 'tac.facilitacion')
			}
		]
	}
];

/**
 * The action plan every demo body publishes (PAL/PAM): three commitments at different progress —
 * one completed, one under way, one behind — each held by the titular of the seat at `seat`.
 */
export const DEMO_PLAN = {
	title: 'Plan de Acción 2026',
	startsOn: '2026-01-15',
	endsOn: '2027-01-14',
	commitments: [
		{
			title: 'Datos abiertos de obra pública',
			objective: 'Publicar en formato abierto los contratos de obra pública y su avance físico.',
			institution: 'Secretaría de Obras Públicas',
			seat: 0,
			activities: [
				{
					kind: 'activity',
					title: 'Inventario de contratos',
					startsOn: '2026-02-01',
					dueOn: '2026-04-30',
					weight: 1,
					progress: 100
				},
				{
					kind: 'activity',
					title: 'Portal de datos abiertos',
					startsOn: '2026-05-01',
					dueOn: '2026-09-30',
					weight: 3,
					progress: 100
				},
				{
					kind: 'milestone',
					title: 'Presentación pública del portal',
					startsOn: '2026-10-15',
					dueOn: '2026-10-15',
					weight: 1,
					progress: 100
				}
			]
		},
		{
			title: 'Presupuesto participativo en colonias',
			objective: 'Que las colonias decidan el destino de una parte del presupuesto de obra.',
			institution: 'Tesorería',
			seat: 1,
			activities: [
				{
					kind: 'activity',
					title: 'Reglas de operación',
					startsOn: '2026-03-01',
					dueOn: '2026-06-30',
					weight: 1,
					progress: 100
				},
				{
					kind: 'activity',
					title: 'Asambleas en colonias',
					startsOn: '2026-07-01',
					dueOn: '2026-12-15',
					weight: 2,
					progress: 60
				},
				{
					kind: 'milestone',
					title: 'Votación de proyectos',
					startsOn: '2027-01-10',
					dueOn: '2027-01-10',
					weight: 1,
					progress: 0
				}
			]
		},
		{
			title: 'Agenda de transparencia proactiva',
			objective: 'Publicar la información que más piden las solicitudes de acceso.',
			institution: 'Unidad de Transparencia',
			seat: 2,
			activities: [
				{
					kind: 'activity',
					title: 'Análisis de solicitudes frecuentes',
					startsOn: '2026-04-01',
					dueOn: '2026-08-31',
					weight: 1,
					progress: 40
				},
				{
					kind: 'activity',
					title: 'Publicación de conjuntos de datos',
					startsOn: '2026-09-01',
					dueOn: '2026-12-31',
					weight: 2,
					progress: 0
				}
			]
		}
	]
} as const;
