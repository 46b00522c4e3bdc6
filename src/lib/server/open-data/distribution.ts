/**
 * The files of open data built from the dataset registry (./datasets.ts): each dataset's CSV
 * (UTF-8, one header row, ISO 8601 dates), its data dictionary CSV, the DCAT-style `data.json`
 * catalogue (the Project Open Data v1.1 schema's required fields, with DCAT types), and one ZIP
 * holding them all. The same for one body (under /publico/<slug>/datos) or the whole instance
 * (under /datos-abiertos).
 */
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import { sql } from 'drizzle-orm';
import type { Database } from '../db';
import { datasets, findDataset, type Dataset, type DatasetScope } from './datasets';

/** The license every dataset is published under. */
export const OPEN_DATA_LICENSE = 'https://creativecommons.org/licenses/by/4.0/';

export const ZIP_NAME = 'datos-abiertos.zip';

/** A dataset's rows as CSV text: one header row with the columns in the registry's order. */
export async function datasetCsv(db: Database, dataset: Dataset, scope: DatasetScope) {
	const rows = await dataset.rows(db, scope);
	return stringify(rows, {
		header: true,
		columns: dataset.columns.map((column) => column.name),
		cast: { boolean: (value) => (value ? 'true' : 'false') }
	});
}

/** A dataset's data dictionary: one row per column (name, type, description). */
export function dictionaryCsv(dataset: Dataset): string {
	return stringify(
		dataset.columns.map((column) => [column.name, column.type, column.description]),
		{ header: true, columns: ['columna', 'tipo', 'descripcion'] }
	);
}

/** Where a catalogue lives and who publishes it. */
export interface CatalogueContext {
	/** The absolute URL of the folder the files are served from (no trailing slash). */
	baseUrl: string;
	/** The human page of the data (section d). */
	landingPage: string;
	publisher: string;
	contactName: string;
	contactEmail: string;
}

/** The newest change among the scope's records, for `modified` (the scope's creation otherwise). */
async function lastModified(db: Database, scope: DatasetScope): Promise<string> {
	const body = scope.secretariatId;
	const result = await db.execute(sql`select greatest(
		(select max(created_at) from meetings where ${body}::uuid is null or secretariat_id = ${body}::uuid),
		(select max(created_at) from agreements where ${body}::uuid is null or secretariat_id = ${body}::uuid),
		(select max(created_at) from secretariats where ${body}::uuid is null or id = ${body}::uuid)
	) as modified`);
	const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
		modified: string | Date | null;
	}[];
	const value = rows[0]?.modified;
	return (value ? new Date(value) : new Date()).toISOString();
}

/** The DCAT-style catalogue of every dataset in the scope, with its distributions. */
export async function buildCatalogue(db: Database, scope: DatasetScope, context: CatalogueContext) {
	const modified = await lastModified(db, scope);
	return {
		'@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld',
		'@type': 'dcat:Catalog',
		conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
		describedBy: 'https://project-open-data.cio.gov/v1.1/schema/catalog.json',
		dataset: datasets.map((dataset) => ({
			'@type': 'dcat:Dataset',
			identifier: `${context.baseUrl}/${dataset.id}`,
			title: dataset.title,
			description: dataset.description,
			keyword: ['gobierno abierto', 'secretariado técnico', dataset.id],
			modified,
			publisher: { '@type': 'org:Organization', name: context.publisher },
			contactPoint: {
				'@type': 'vcard:Contact',
				fn: context.contactName,
				hasEmail: `mailto:${context.contactEmail}`
			},
			accessLevel: 'public',
			landingPage: context.landingPage,
			accrualPeriodicity: dataset.periodicity,
			license: OPEN_DATA_LICENSE,
			language: ['es-MX'],
			describedBy: `${context.baseUrl}/${dataset.id}-diccionario.csv`,
			describedByType: 'text/csv',
			distribution: [
				{
					'@type': 'dcat:Distribution',
					title: `${dataset.title} (CSV)`,
					downloadURL: `${context.baseUrl}/${dataset.id}.csv`,
					mediaType: 'text/csv',
					format: 'CSV'
				},
				{
					'@type': 'dcat:Distribution',
					title: `${dataset.title} (JSON)`,
					accessURL: `${context.baseUrl}/api/${dataset.id}`,
					mediaType: 'application/json',
					format: 'API'
				},
				{
					'@type': 'dcat:Distribution',
					title: `${dataset.title}: diccionario de datos`,
					downloadURL: `${context.baseUrl}/${dataset.id}-diccionario.csv`,
					mediaType: 'text/csv',
					format: 'CSV',
					conformsTo: `${context.baseUrl}/${dataset.id}-diccionario.csv`
				}
			]
		}))
	};
}

/** The ZIP of every dataset's CSV and dictionary, and the catalogue. */
export async function buildOpenDataZip(
	db: Database,
	scope: DatasetScope,
	context: CatalogueContext
): Promise<Uint8Array> {
	const files: Record<string, Uint8Array> = {};
	for (const dataset of datasets) {
		files[`${dataset.id}.csv`] = strToU8(await datasetCsv(db, dataset, scope));
		files[`${dataset.id}-diccionario.csv`] = strToU8(dictionaryCsv(dataset));
	}
	const catalogue = await buildCatalogue(db, scope, context);
	files['data.json'] = strToU8(JSON.stringify(catalogue, null, 2));
	return zipSync(files, { level: 6 });
}

/**
 * Answers a request for one open-data file by name (`<id>.csv`, `<id>-diccionario.csv`,
 * `data.json`, the ZIP); null for any other name. Called by the per-body and instance routes.
 */
export async function openDataFile(
	db: Database,
	scope: DatasetScope,
	context: CatalogueContext,
	name: string
): Promise<{ body: string | Uint8Array; type: string; download: boolean } | null> {
	if (name === 'data.json')
		return {
			body: JSON.stringify(await buildCatalogue(db, scope, context), null, 2),
			type: 'application/json; charset=utf-8',
			download: false
		};
	if (name === ZIP_NAME)
		return {
			body: await buildOpenDataZip(db, scope, context),
			type: 'application/zip',
			download: true
		};
	const dictionary = name.match(/^([a-z0-9-]+)-diccionario\.csv$/);
	const dictionaryOf = dictionary ? findDataset(dictionary[1]!) : undefined;
	if (dictionaryOf)
		return { body: dictionaryCsv(dictionaryOf), type: 'text/csv; charset=utf-8', download: true };
	const csv = name.match(/^([a-z0-9-]+)\.csv$/);
	const dataset = csv ? findDataset(csv[1]!) : undefined;
	if (dataset)
		return {
			body: await datasetCsv(db, dataset, scope),
			type: 'text/csv; charset=utf-8',
			download: true
		};
	return null;
}

/**
 * Where a scope's open data lives and whom to ask about it: a body's files under
 * /publico/<slug>/datos with its published contact email, the instance's under /datos-abiertos;
 * the mail sender's address stands in when a body has published none.
 */
export function catalogueContextFor(
	origin: string,
	publisher: string,
	body: { slug: string; contactName: string; contactEmail: string } | null
): CatalogueContext {
	const fallbackEmail =
		(process.env.MAIL_FROM ?? '').match(/<([^>]+)>/)?.[1] ??
		(process.env.MAIL_FROM?.includes('@')
			? process.env.MAIL_FROM
			: `datos@${new URL(origin).hostname}`);
	const baseUrl = body ? `${origin}/publico/${body.slug}/datos` : `${origin}/datos-abiertos`;
	return {
		baseUrl,
		landingPage: baseUrl,
		publisher,
		contactName: body?.contactName || publisher,
		contactEmail: body?.contactEmail || fallbackEmail!
	};
}
