import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { findDataset } from '$lib/server/open-data/datasets';
import { CORS_HEADERS, datasetApiResponse } from '$lib/server/open-data/api';
import { bodyOpenDataScope } from '../../scope.server';
import type { RequestHandler } from './$types';

// The read-only JSON API of one of the body's datasets (?pagina=&por_pagina=).
export const GET: RequestHandler = async ({ params, url, request }) => {
	const db = await getDatabase();
	const { scope } = await bodyOpenDataScope(db, params.slug, url.origin);
	const dataset = findDataset(params.dataset);
	if (!dataset) error(404);
	return datasetApiResponse(db, dataset, scope, request, url);
};

export const OPTIONS: RequestHandler = () =>
	new Response(null, { status: 204, headers: CORS_HEADERS });
