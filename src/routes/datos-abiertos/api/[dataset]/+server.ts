import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { findDataset } from '$lib/server/open-data/datasets';
import { CORS_HEADERS, datasetApiResponse } from '$lib/server/open-data/api';
import type { RequestHandler } from './$types';

// The read-only JSON API of one dataset for the whole instance (?pagina=&por_pagina=).
export const GET: RequestHandler = async ({ params, url, request }) => {
	const dataset = findDataset(params.dataset);
	if (!dataset) error(404);
	return datasetApiResponse(await getDatabase(), dataset, { secretariatId: null }, request, url);
};

export const OPTIONS: RequestHandler = () =>
	new Response(null, { status: 204, headers: CORS_HEADERS });
