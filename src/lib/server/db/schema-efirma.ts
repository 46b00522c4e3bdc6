/**
 * e.firma signatures of the minutes (issue 14): the seat holders' RFC and CURP on record (what a
 * certificate must name for its holder to sign for that seat), the file prepared for each signer
 * (the PDF with their empty signature field, and the digest their browser signs), and each
 * signature made, with the PDF as it stood right after it: the newest row of a version holds the
 * file with every signature so far (each an incremental update of the one before).
 */
import {
	customType,
	index,
	integer,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { members, users } from './schema';
import { minutesVersions } from './schema-minutes';

/** PDF and certificate bytes: Uint8Array in, Uint8Array (a Buffer with postgres.js) out. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** A seat holder's RFC and CURP on record, entered by the body's admins. */
export const efirmaIdentities = pgTable('efirma_identities', {
	memberId: uuid('member_id')
		.primaryKey()
		.references(() => members.id, { onDelete: 'cascade' }),
	rfc: text('rfc').notNull(),
	curp: text('curp').notNull(),
	updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * The file prepared for one signer of one version: the current file plus their signature field
 * (an incremental update), and the SHA-256 of the byte ranges it will cover. Replaced when the
 * signer asks again; refused on submit when another signature was added since (`baseSha256`).
 */
export const efirmaPreparations = pgTable(
	'efirma_preparations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		versionId: uuid('version_id')
			.notNull()
			.references(() => minutesVersions.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		/** SHA-256 of the file the field was added to. */
		baseSha256: text('base_sha256').notNull(),
		pdf: bytea('pdf').notNull(),
		/** SHA-256 (hex) of the byte ranges the signature covers: what the browser signs. */
		digest: text('digest').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		uniqueIndex('efirma_preparations_version_member_idx').on(table.versionId, table.memberId)
	]
);

/** One e.firma signature of a version, with the file right after it. */
export const efirmaSignatures = pgTable(
	'efirma_signatures',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		versionId: uuid('version_id')
			.notNull()
			.references(() => minutesVersions.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		/** 1 for the first signature of the version, then 2, … */
		position: integer('position').notNull(),
		pdf: bytea('pdf').notNull(),
		pdfSha256: text('pdf_sha256').notNull(),
		certificate: bytea('certificate').notNull(),
		certificateSerial: text('certificate_serial').notNull(),
		signerName: text('signer_name').notNull(),
		rfc: text('rfc').notNull(),
		curp: text('curp').notNull(),
		/** The RFC 3161 time when TSA_URL was set; null: only the server's time (`signedAt`). */
		timestampedAt: timestamp('timestamped_at', { withTimezone: true }),
		signedAt: timestamp('signed_at', { withTimezone: true }).notNull()
	},
	(table) => [
		uniqueIndex('efirma_signatures_version_member_idx').on(table.versionId, table.memberId),
		uniqueIndex('efirma_signatures_version_position_idx').on(table.versionId, table.position),
		index('efirma_signatures_sha_idx').on(table.pdfSha256)
	]
);

export type EfirmaSignature = typeof efirmaSignatures.$inferSelect;
