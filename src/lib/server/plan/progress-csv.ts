/**
 * The plan's progress as CSV, out and back in: the export lists every activity with its
 * commitment, dates, weight and progress; the import reads a file of the same shape (only
 * `actividad_id`, `avance` and the optional `nota` count) and saves the new progress of every row
 * — or, when any row is wrong, nothing at all, and says which row and column (the first line, the
 * header, is row 1). A seat holder may import only rows of the commitments they are responsible for.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../db';
import { roundProgress } from '../../rules/plan-progress';
import type { PlanView } from './plans';
import { listReportableCommitments, saveProgress } from './progress';
import type { SecretariatAccess } from '../secretariats/access';

export const progressCsvColumns = [
	'compromiso_numero',
	'compromiso',
	'avance_compromiso',
	'actividad_id',
	'actividad',
	'tipo',
	'inicio',
	'vencimiento',
	'peso',
	'avance',
	'nota'
] as const;

const MAX_NOTE = 2000;
/** Rows beyond this are refused: a plan has tens of activities, not thousands. */
export const MAX_CSV_ROWS = 5000;
/** Bytes beyond this are refused before parsing: the largest plan's CSV is well under it. */
export const MAX_CSV_MB = 2;

/** The progress CSV of a plan (UTF-8 with a byte-order mark, so spreadsheets read the accents). */
export function buildProgressCsv(view: PlanView): string {
	const rows = view.commitments.flatMap((commitment) =>
		commitment.activities.map((activity) => [
			commitment.number,
			commitment.title,
			roundProgress(commitment.progress),
			activity.id,
			activity.title,
			activity.kind === 'milestone' ? 'hito' : 'actividad',
			activity.startsOn,
			activity.dueOn,
			activity.weight,
			activity.progress,
			''
		])
	);
	return '\ufeff' + stringify(rows, { header: true, columns: [...progressCsvColumns] });
}

export type CsvIssueCode =
	| 'too-large'
	| 'not-utf8'
	| 'malformed'
	| 'empty'
	| 'too-many-rows'
	| 'missing-column'
	| 'unknown-activity'
	| 'duplicate-activity'
	| 'progress-invalid'
	| 'note-too-long'
	| 'not-responsible';

export interface CsvIssue {
	/** The line of the file (the header is 1); null for the file as a whole. */
	row: number | null;
	column: string | null;
	code: CsvIssueCode;
}

export type CsvImportOutcome = { ok: true; updated: number } | { ok: false; issues: CsvIssue[] };

type CsvRecord = Record<string, string>;

/**
 * The text of an uploaded CSV, refused when its bytes are not UTF-8 (a spreadsheet's "CSV" in
 * Windows-1252 or Latin-1: decoding it anyway would turn every accent into U+FFFD and save that)
 * or when it is too large to parse in a moment.
 */
export function decodeCsv(bytes: Uint8Array): { ok: true; text: string } | CsvIssue {
	if (bytes.byteLength > MAX_CSV_MB * 1024 * 1024)
		return { row: null, column: null, code: 'too-large' };
	try {
		return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
	} catch {
		return { row: null, column: null, code: 'not-utf8' };
	}
}

function readRecords(text: string): { records: { record: CsvRecord; line: number }[] } | CsvIssue {
	try {
		const parsed = parse(text, {
			bom: true,
			columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
			delimiter: [',', ';'],
			skip_empty_lines: true,
			trim: true,
			info: true
		}) as { record: CsvRecord; info: { lines: number } }[];
		return { records: parsed.map(({ record, info }) => ({ record, line: info.lines })) };
	} catch (failure) {
		const lines = (failure as { lines?: number }).lines;
		return { row: typeof lines === 'number' ? lines : null, column: null, code: 'malformed' };
	}
}

/**
 * Checks a progress CSV against the plan and, when every row is right, saves it in one
 * transaction. Rows whose progress did not change and carry no note are left alone.
 */
export async function importProgressCsv(
	db: Database,
	access: Pick<SecretariatAccess, 'user' | 'roles' | 'secretariat' | 'can'>,
	view: PlanView,
	text: string
): Promise<CsvImportOutcome> {
	const read = readRecords(text);
	if (!('records' in read)) return { ok: false, issues: [read] };
	const { records } = read;
	if (records.length === 0)
		return { ok: false, issues: [{ row: null, column: null, code: 'empty' }] };
	if (records.length > MAX_CSV_ROWS)
		return { ok: false, issues: [{ row: null, column: null, code: 'too-many-rows' }] };
	const header = Object.keys(records[0]!.record);
	const missing = (['actividad_id', 'avance'] as const).filter((c) => !header.includes(c));
	if (missing.length)
		return {
			ok: false,
			issues: missing.map((column) => ({ row: 1, column, code: 'missing-column' as const }))
		};

	const activities = new Map(
		view.commitments.flatMap((c) => c.activities.map((a) => [a.id, { activity: a, commitment: c }]))
	);
	const reportable = await listReportableCommitments(db, access, view.commitments);
	const issues: CsvIssue[] = [];
	const seen = new Set<string>();
	const reports: { activityId: string; progress: number; note: string }[] = [];
	for (const { record, line } of records) {
		const id = record.actividad_id ?? '';
		const found = activities.get(id);
		if (!found) issues.push({ row: line, column: 'actividad_id', code: 'unknown-activity' });
		else if (seen.has(id))
			issues.push({ row: line, column: 'actividad_id', code: 'duplicate-activity' });
		else if (!reportable.has(found.commitment.id))
			issues.push({ row: line, column: 'actividad_id', code: 'not-responsible' });
		seen.add(id);
		const progressText = record.avance ?? '';
		const progress = /^\d{1,3}$/.test(progressText) ? Number(progressText) : NaN;
		if (!(progress >= 0 && progress <= 100))
			issues.push({ row: line, column: 'avance', code: 'progress-invalid' });
		const note = record.nota ?? '';
		if (note.length > MAX_NOTE) issues.push({ row: line, column: 'nota', code: 'note-too-long' });
		if (found && (progress !== found.activity.progress || note !== ''))
			reports.push({ activityId: id, progress, note });
	}
	if (issues.length) return { ok: false, issues };
	await db.transaction((tx) => saveProgress(tx, access.user.id, reports, 'csv'));
	return { ok: true, updated: reports.length };
}
