/**
 * The read-only JSON API of open data: one dataset's rows, a page at a time, for anyone, from any
 * origin (`Access-Control-Allow-Origin: *`, GET only), cacheable (ETag of the body, answered with
 * 304 on `If-None-Match`; five minutes of `Cache-Control`).
 */
import { createHash } from 'node:crypto';
import type { Database } from '../db';
import type { Dataset, DatasetScope } from './datasets';

export const API_PAGE_SIZE_MAX = 500;
const API_PAGE_SIZE_DEFAULT = 100;

export const CORS_HEADERS = {
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Allow-Methods': 'GET, OPTIONS',
	'Access-Control-Allow-Headers': 'If-None-Match',
	'Access-Control-Expose-Headers': 'ETag'
};

/** Reads `pagina` and `por_pagina`, clamped to sane bounds. */
export function readPaging(url: URL): { page: number; perPage: number } {
	const number = (name: string, fallback: number) => {
		const value = Number.parseInt(url.searchParams.get(name) ?? '', 10);
		return Number.isFinite(value) && value > 0 ? value : fallback;
	};
	return {
		page: number('pagina', 1),
		perPage: Math.min(API_PAGE_SIZE_MAX, number('por_pagina', API_PAGE_SIZE_DEFAULT))
	};
}

/** The API's answer for one dataset page, with its caching and CORS headers. */
export async function datasetApiResponse(
	db: Database,
	dataset: Dataset,
	scope: DatasetScope,
	request: Request,
	url: URL
): Promise<Response> {
	const { page, perPage } = readPaging(url);
	const rows = await dataset.rows(db, scope);
	const pages = Math.max(1, Math.ceil(rows.length / perPage));
	const next = new URL(url);
	next.searchParams.set('pagina', String(page + 1));
	next.searchParams.set('por_pagina', String(perPage));
	const body = JSON.stringify({
		dataset: dataset.id,
		title: dataset.title,
		columns: dataset.columns,
		page,
		perPage,
		total: rows.length,
		pages,
		next: page < pages ? next.pathname + next.search : null,
		items: rows.slice((page - 1) * perPage, page * perPage)
	});
	const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
	const headers = {
		...CORS_HEADERS,
		ETag: etag,
		'Cache-Control': 'public, max-age=300',
		Vary: 'Accept-Encoding'
	};
	if (request.headers.get('if-none-match') === etag)
		return new Response(null, { status: 304, headers });
	return new Response(body, {
		headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' }
	});
}
