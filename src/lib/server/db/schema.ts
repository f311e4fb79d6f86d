/**
 * Hubplan's data model. Planned for the whole product (estate map, scenarios, pilots, imports), so
 * later work adds rows rather than tearing tables up. Every partnership-owned row carries
 * `partnershipId`; access control comes later and will filter on it.
 *
 * Estate facts on `site` and `site_service` each carry provenance in the `provenance` JSON column,
 * keyed by the column's TypeScript name: recorded (with source) or estimated (with the method).
 * This file is the one description of every table: the PostgreSQL tables are made from it
 * (schema-pg.ts). Migrations for both are generated into `drizzle/sqlite` and `drizzle/pg` with
 * `npm run db:generate -- --name <what>`; never edit them by hand.
 */
import { sql } from 'drizzle-orm';
import {
	blob,
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import type { ScenarioAction, ScenarioParameters } from '../../engine/types';
import type { Provenance } from '../../provenance';
import type { ImportKind } from '../import/fields';
import type { Role } from '../auth/roles';

/** The moment a row is written, as an ISO timestamp (schema-pg.ts maps it to PostgreSQL's form). */
export const nowIsoSql = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
/** An ISO timestamp column that defaults to the moment the row is written. */
const timestamp = (name: string) => text(name).notNull().default(nowIsoSql);
const createdAt = () => timestamp('created_at');
const updatedAt = () => timestamp('updated_at');

/** The planning area: one partnership of public bodies working over one place. */
export const partnership = sqliteTable('partnership', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	/** ONS code of the area, e.g. E08000009 for Trafford. */
	areaCode: text('area_code'),
	/** GeoJSON (Multi)Polygon of the planning area, used to fit the map. */
	boundary: text('boundary', { mode: 'json' }).$type<GeoJSON.Geometry>(),
	/** [west, south, east, north] in WGS84. */
	bbox: text('bbox', { mode: 'json' }).$type<[number, number, number, number]>().notNull(),
	/** Which data pack seeded it (for idempotent re-seeding). */
	seededFrom: text('seeded_from'),
	/**
	 * A random token, renewed whenever its sites, services, zones, partners or matrices change, so
	 * cached evaluations are keyed by it. Random rather than a counter: a restored backup brings its
	 * own token, and two databases share a token only while they hold the same estate.
	 */
	estateVersion: text('estate_version').notNull().default(''),
	/** When the worked example scenarios were added (once: deleting one does not bring it back). */
	examplesSeededAt: text('examples_seeded_at'),
	createdAt: createdAt()
});

export const organisationKinds = [
	'council',
	'nhs',
	'dwp',
	'post_office',
	'fire',
	'police',
	'probation',
	'education',
	'leisure',
	'voluntary',
	/** A funder that occupies nothing, e.g. a Local Strategic Partnership. */
	'strategic_partnership',
	'private',
	'other'
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

/** A partner body: council, NHS, DWP, Post Office, fire, probation, voluntary sector … */
export const organisation = sqliteTable(
	'organisation',
	{
		id: text('id').primaryKey(),
		partnershipId: text('partnership_id')
			.notNull()
			.references(() => partnership.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		kind: text('kind').$type<OrganisationKind>().notNull()
	},
	(t) => [index('organisation_partnership').on(t.partnershipId)]
);

/** Catalogue of face-to-face services (library, jobcentre, GP, post office counter …). */
export const service = sqliteTable('service', {
	code: text('code').primaryKey(),
	name: text('name').notNull(),
	description: text('description'),
	/** Which site kind offers this service by default when seeding. */
	defaultForKind: text('default_for_kind')
});

export const tenures = ['freehold', 'leasehold', 'licence', 'other'] as const;
export type Tenure = (typeof tenures)[number];
export const conditions = ['A', 'B', 'C', 'D'] as const;
export type Condition = (typeof conditions)[number];

/** A public building or access point. `ref` is the stable id from the source (e.g. lib-altrincham). */
export const site = sqliteTable(
	'site',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		partnershipId: text('partnership_id')
			.notNull()
			.references(() => partnership.id, { onDelete: 'cascade' }),
		ref: text('ref').notNull(),
		name: text('name').notNull(),
		kind: text('kind').notNull(),
		/** Operator as named by the source. */
		operatorName: text('operator_name'),
		organisationId: text('organisation_id').references(() => organisation.id, {
			onDelete: 'set null'
		}),
		address: text('address'),
		postcode: text('postcode'),
		lon: real('lon').notNull(),
		lat: real('lat').notNull(),
		/** Optional building footprint, GeoJSON (Multi)Polygon. */
		footprint: text('footprint', { mode: 'json' }).$type<GeoJSON.Geometry>(),
		lsoaCode: text('lsoa_code'),
		/** `source` key in open-data-sources.json, or an import's file name. */
		source: text('source'),
		asOf: text('as_of'),
		// Estate facts. Each has an entry in `provenance`.
		giaM2: real('gia_m2'),
		/** Floor area in use and standing empty, m², and the share in use (%), as recorded; any one will do. */
		occupiedM2: real('occupied_m2'),
		vacantM2: real('vacant_m2'),
		utilisationPct: real('utilisation_pct'),
		rentGbpPerYear: real('rent_gbp_per_year'),
		ratesGbpPerYear: real('rates_gbp_per_year'),
		facilitiesGbpPerYear: real('facilities_gbp_per_year'),
		tenure: text('tenure').$type<Tenure>(),
		leaseEnd: text('lease_end'),
		leaseBreak: text('lease_break'),
		condition: text('condition').$type<Condition>(),
		backlogGbp: real('backlog_gbp'),
		desks: integer('desks'),
		counterPositions: integer('counter_positions'),
		interviewRooms: integer('interview_rooms'),
		/** Face-to-face visits per week the building can take before it is over capacity. */
		visitCapacityPerWeek: real('visit_capacity_per_week'),
		openingHoursPerWeek: real('opening_hours_per_week'),
		stepFree: integer('step_free', { mode: 'boolean' }),
		provenance: text('provenance', { mode: 'json' }).$type<Provenance>().notNull().default({}),
		/** Everything else the source says about the site, shown in the detail panel. */
		attributes: text('attributes', { mode: 'json' })
			.$type<Record<string, unknown>>()
			.notNull()
			.default({}),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('site_partnership_ref').on(t.partnershipId, t.ref),
		index('site_partnership_kind').on(t.partnershipId, t.kind)
	]
);

/** Which services run where, with demand, staff and space. */
export const siteService = sqliteTable(
	'site_service',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		partnershipId: text('partnership_id')
			.notNull()
			.references(() => partnership.id, { onDelete: 'cascade' }),
		siteId: integer('site_id')
			.notNull()
			.references(() => site.id, { onDelete: 'cascade' }),
		serviceCode: text('service_code')
			.notNull()
			.references(() => service.code),
		visitsPerWeek: real('visits_per_week'),
		staffFte: real('staff_fte'),
		spaceM2: real('space_m2'),
		provenance: text('provenance', { mode: 'json' }).$type<Provenance>().notNull().default({})
	},
	(t) => [uniqueIndex('site_service_site_code').on(t.siteId, t.serviceCode)]
);

/** A small area (2021 LSOA) with the people who live there. */
export const zone = sqliteTable(
	'zone',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		partnershipId: text('partnership_id')
			.notNull()
			.references(() => partnership.id, { onDelete: 'cascade' }),
		code: text('code').notNull(),
		name: text('name').notNull(),
		ladCode: text('lad_code'),
		ladName: text('lad_name'),
		wardCode: text('ward_code'),
		wardName: text('ward_name'),
		areaHa: real('area_ha').notNull(),
		geometry: text('geometry', { mode: 'json' }).$type<GeoJSON.Geometry>().notNull(),
		/** ONS population-weighted centroid. */
		centroidLon: real('centroid_lon').notNull(),
		centroidLat: real('centroid_lat').notNull(),
		/** Which estimate the population bands come from (ONS MYE 2024 or Census 2021). */
		populationSource: text('population_source').notNull(),
		popTotal: real('pop_total').notNull(),
		popChildren: real('pop_children'),
		popWorkingAge: real('pop_working_age'),
		pop65Plus: real('pop_65_plus'),
		pop75Plus: real('pop_75_plus'),
		pop85Plus: real('pop_85_plus'),
		imdScore: real('imd_score'),
		imdRank: integer('imd_rank'),
		imdDecile: integer('imd_decile'),
		disabled: real('disabled'),
		pctDisabled: real('pct_disabled'),
		badHealth: real('bad_health'),
		pctBadHealth: real('pct_bad_health'),
		households: real('households'),
		householdsNoCar: real('households_no_car'),
		pctHouseholdsNoCar: real('pct_households_no_car'),
		/** The MSOA the zone lies in, for counts published only there (`area`). */
		areaCode: text('area_code'),
		/**
		 * Census counts for the equality assessment, keyed as the engine's `ZoneInput.equality`
		 * (`sex.female`, `sex.base` …); null until loaded from the pack's zones_equality.csv.
		 */
		equality: text('equality', { mode: 'json' }).$type<Record<string, number>>(),
		/** All other attributes of the source row (census bases, IoD domains …). */
		attributes: text('attributes', { mode: 'json' })
			.$type<Record<string, unknown>>()
			.notNull()
			.default({})
	},
	(t) => [uniqueIndex('zone_partnership_code').on(t.partnershipId, t.code)]
);

/** A larger area (2021 MSOA) with counts ONS publishes only at its level (sexual orientation, gender identity). */
export const area = sqliteTable(
	'area',
	{
		partnershipId: text('partnership_id')
			.notNull()
			.references(() => partnership.id, { onDelete: 'cascade' }),
		code: text('code').notNull(),
		name: text('name').notNull(),
		/** Counts keyed as the engine's `AreaInput.equality`. */
		equality: text('equality', { mode: 'json' }).$type<Record<string, number>>().notNull()
	},
	(t) => [primaryKey({ columns: [t.partnershipId, t.code] })]
);

/**
 * A partnership's own access criterion: at least `targetShare` of a population within a distance
 * (metres) or a time (minutes, by the imported matrix) of the nearest site offering a service.
 */
export const accessCriterion = sqliteTable(
	'access_criterion',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		partnershipId: text('partnership_id')
			.notNull()
			.references(() => partnership.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		serviceCode: text('service_code')
			.notNull()
			.references(() => service.code),
		thresholdM: real('threshold_m'),
		thresholdMin: real('threshold_min'),
		/** `total`, an access group, an equality group (`sex.female`) or a criterion area. */
		populationGroup: text('population_group').notNull(),
		targetShare: real('target_share').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('access_criterion_partnership').on(t.partnershipId)]
);

/** What a partnership will do to lessen an option's impact on a group: what, who, for whom. */
export const mitigation = sqliteTable(
	'mitigation',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		partnershipId: text('partnership_id')
			.notNull()
			.references(() => partnership.id, { onDelete: 'cascade' }),
		scenarioId: integer('scenario_id')
			.notNull()
			.references(() => scenario.id, { onDelete: 'cascade' }),
		action: text('action').notNull(),
		owner: text('owner').notNull(),
		forWhom: text('for_whom').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('mitigation_scenario').on(t.scenarioId)]
);

/** Basemap context layers drawn from the pack (boundary, wards, green space …), as GeoJSON. */
export const contextLayer = sqliteTable(
	'context_layer',
	{
		partnershipId: text('partnership_id')
			.notNull()
			.references(() => partnership.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		geojson: text('geojson', { mode: 'json' }).$type<GeoJSON.FeatureCollection>().notNull(),
		source: text('source')
	},
	(t) => [primaryKey({ columns: [t.partnershipId, t.name] })]
);

/** A supplied zone × site travel-time matrix (minutes), e.g. from r5 or OpenTripPlanner. */
export const travelMatrix = sqliteTable('travel_matrix', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	partnershipId: text('partnership_id')
		.notNull()
		.references(() => partnership.id, { onDelete: 'cascade' }),
	name: text('name').notNull(),
	/** walk, public_transport, car … */
	mode: text('mode').notNull(),
	source: text('source'),
	createdAt: createdAt()
});

export const travelTime = sqliteTable(
	'travel_time',
	{
		matrixId: integer('matrix_id')
			.notNull()
			.references(() => travelMatrix.id, { onDelete: 'cascade' }),
		zoneCode: text('zone_code').notNull(),
		siteRef: text('site_ref').notNull(),
		minutes: real('minutes').notNull()
	},
	(t) => [primaryKey({ columns: [t.matrixId, t.zoneCode, t.siteRef] })]
);

/**
 * A planning option: actions (closures, moves, new sites) and parameters. `version` rises with
 * every save, so a save based on an older version is detected as a conflict instead of overwriting.
 */
export const scenario = sqliteTable(
	'scenario',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		partnershipId: text('partnership_id')
			.notNull()
			.references(() => partnership.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		/** The built-in "today's estate"; cannot be edited or deleted. */
		isBaseline: integer('is_baseline', { mode: 'boolean' }).notNull().default(false),
		/** Which worked example this is (examples.ts), or null. Examples are read only: duplicate to edit. */
		example: text('example'),
		actions: text('actions', { mode: 'json' }).$type<ScenarioAction[]>().notNull().default([]),
		/** Actions undone and available to redo, most recent last. */
		redo: text('redo', { mode: 'json' }).$type<ScenarioAction[]>().notNull().default([]),
		parameters: text('parameters', { mode: 'json' }).$type<ScenarioParameters>().notNull(),
		version: integer('version').notNull().default(1),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [index('scenario_partnership').on(t.partnershipId)]
);

export const milestoneStatuses = ['not_started', 'on_track', 'at_risk', 'late', 'done'] as const;
export type MilestoneStatus = (typeof milestoneStatuses)[number];

/** A pilot milestone, for a scenario or one of its hubs. Dates are ISO yyyy-mm-dd. */
export const milestone = sqliteTable(
	'milestone',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		partnershipId: text('partnership_id')
			.notNull()
			.references(() => partnership.id, { onDelete: 'cascade' }),
		scenarioId: integer('scenario_id')
			.notNull()
			.references(() => scenario.id, { onDelete: 'cascade' }),
		hubSiteRef: text('hub_site_ref'),
		title: text('title').notNull(),
		owner: text('owner').notNull().default(''),
		startDate: text('start_date').notNull(),
		endDate: text('end_date').notNull(),
		status: text('status').$type<MilestoneStatus>().notNull().default('not_started'),
		notes: text('notes').notNull().default(''),
		sortOrder: integer('sort_order').notNull().default(0),
		/** Rises with every save, so an edit form opened on an older version is refused, as for scenarios. */
		version: integer('version').notNull().default(1)
	},
	(t) => [index('milestone_scenario').on(t.scenarioId)]
);

export const pilotCostKinds = ['one_off', 'annual'] as const;
export type PilotCostKind = (typeof pilotCostKinds)[number];

/** A pilot cost line (e.g. "first-year running cost £60,000"), split between partners. */
export const pilotCost = sqliteTable(
	'pilot_cost',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		partnershipId: text('partnership_id')
			.notNull()
			.references(() => partnership.id, { onDelete: 'cascade' }),
		scenarioId: integer('scenario_id')
			.notNull()
			.references(() => scenario.id, { onDelete: 'cascade' }),
		label: text('label').notNull(),
		/** `one_off` (charged in year 0) or `annual` (every year of the appraisal). */
		kind: text('kind').$type<PilotCostKind>().notNull().default('one_off'),
		amountGbp: real('amount_gbp').notNull(),
		/** Rises with every save of the line or its contributions (see milestone.version). */
		version: integer('version').notNull().default(1)
	},
	(t) => [index('pilot_cost_scenario').on(t.scenarioId)]
);

export const pilotContribution = sqliteTable(
	'pilot_contribution',
	{
		pilotCostId: integer('pilot_cost_id')
			.notNull()
			.references(() => pilotCost.id, { onDelete: 'cascade' }),
		organisationId: text('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		amountGbp: real('amount_gbp').notNull()
	},
	(t) => [primaryKey({ columns: [t.pilotCostId, t.organisationId] })]
);

/** One committed import, for the audit trail and for "recorded from FILE on DATE" provenance. */
export const importRun = sqliteTable('import_run', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	partnershipId: text('partnership_id')
		.notNull()
		.references(() => partnership.id, { onDelete: 'cascade' }),
	kind: text('kind').notNull(),
	fileName: text('file_name').notNull(),
	sha256: text('sha256').notNull(),
	added: integer('added').notNull(),
	changed: integer('changed').notNull(),
	removed: integer('removed').notNull(),
	createdAt: createdAt()
});

/**
 * A comparison someone saved: its options (comparison link ids, in order), the service its charts
 * and maps show, and the author's recommendation. `version` rises with every save, as for scenarios.
 */
export const savedComparison = sqliteTable(
	'saved_comparison',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		partnershipId: text('partnership_id')
			.notNull()
			.references(() => partnership.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		/** `baseline` or scenario ids as text, in the comparison's order. */
		linkIds: text('link_ids', { mode: 'json' }).$type<string[]>().notNull(),
		serviceCode: text('service_code'),
		recommendation: text('recommendation').notNull().default(''),
		rationale: text('rationale').notNull().default(''),
		/** The author's name as typed (accounts come later). */
		author: text('author').notNull().default(''),
		version: integer('version').notNull().default(1),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [index('saved_comparison_partnership').on(t.partnershipId)]
);

/**
 * A comparison frozen "as presented to cabinet on DATE": `snapshot` is the JSON text of every input
 * and output (decisions.ts `DecisionSnapshot`), `contentSha256` its SHA-256. Written once; the app
 * has no path that updates or deletes a row.
 */
export const decisionRecord = sqliteTable(
	'decision_record',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		partnershipId: text('partnership_id')
			.notNull()
			.references(() => partnership.id, { onDelete: 'cascade' }),
		/** The saved comparison it was frozen from; the record outlives it. */
		savedComparisonId: integer('saved_comparison_id').references(() => savedComparison.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		/** ISO yyyy-mm-dd. */
		presentedOn: text('presented_on').notNull(),
		snapshot: text('snapshot').notNull(),
		contentSha256: text('content_sha256').notNull(),
		frozenAt: timestamp('frozen_at')
	},
	(t) => [index('decision_record_partnership').on(t.partnershipId)]
);

/**
 * A file uploaded through the app, kept between "check" and "commit" so the user can fix the
 * column mapping without uploading again. In the database rather than in memory so that several
 * app servers behind one load balancer share it; rows expire (ISO timestamp, compared as text).
 */
export const importUpload = sqliteTable(
	'import_upload',
	{
		id: text('id').primaryKey(),
		partnershipId: text('partnership_id')
			.notNull()
			.references(() => partnership.id, { onDelete: 'cascade' }),
		kind: text('kind').$type<ImportKind>().notNull(),
		fileName: text('file_name').notNull(),
		bytes: blob('bytes', { mode: 'buffer' }).notNull(),
		/** Zones only: the attributes CSV joined onto the GeoJSON. */
		zonesFileName: text('zones_file_name'),
		zonesBytes: blob('zones_bytes', { mode: 'buffer' }),
		options: text('options', { mode: 'json' }).$type<{ matrixName?: string; matrixMode?: string }>().notNull().default({}),
		expiresAt: text('expires_at').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('import_upload_expires').on(t.expiresAt)]
);

/*
 * Accounts (Better Auth, src/lib/server/auth/better-auth.ts). Better Auth reads and writes these
 * through its drizzle adapter under its own model names (user, session, account, verification,
 * rateLimit); the JavaScript property names are its field names. Dates are ISO text like every
 * other timestamp here: the adapter writes a Date into a text column as its ISO string.
 */

/** A person who can sign in. `email` is kept lower case. */
export const authUser = sqliteTable(
	'auth_user',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		email: text('email').notNull(),
		emailVerified: integer('email_verified', { mode: 'boolean' }).notNull().default(false),
		image: text('image'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [uniqueIndex('auth_user_email').on(t.email)]
);

/** A signed-in browser. `activePartnershipId` is the partnership this session works in. */
export const authSession = sqliteTable(
	'auth_session',
	{
		id: text('id').primaryKey(),
		token: text('token').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => authUser.id, { onDelete: 'cascade' }),
		expiresAt: text('expires_at').notNull(),
		ipAddress: text('ip_address'),
		userAgent: text('user_agent'),
		activePartnershipId: text('active_partnership_id').references(() => partnership.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [uniqueIndex('auth_session_token').on(t.token), index('auth_session_user').on(t.userId)]
);

/** How a person signs in: `credential` (a password hash) or an OIDC provider's subject. */
export const authAccount = sqliteTable(
	'auth_account',
	{
		id: text('id').primaryKey(),
		accountId: text('account_id').notNull(),
		providerId: text('provider_id').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => authUser.id, { onDelete: 'cascade' }),
		accessToken: text('access_token'),
		refreshToken: text('refresh_token'),
		idToken: text('id_token'),
		accessTokenExpiresAt: text('access_token_expires_at'),
		refreshTokenExpiresAt: text('refresh_token_expires_at'),
		scope: text('scope'),
		password: text('password'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [index('auth_account_user').on(t.userId)]
);

/** Better Auth's short-lived values (OIDC state, for one). */
export const authVerification = sqliteTable(
	'auth_verification',
	{
		id: text('id').primaryKey(),
		identifier: text('identifier').notNull(),
		value: text('value').notNull(),
		expiresAt: text('expires_at').notNull(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [index('auth_verification_identifier').on(t.identifier)]
);

/**
 * Sign-in rate limits, in the database so that several app servers share one count.
 * `lastRequest` is milliseconds since 1970: a real (double precision on PostgreSQL), because a
 * PostgreSQL integer stops at 2^31 and doubles hold whole numbers exactly up to 2^53.
 */
export const authRateLimit = sqliteTable(
	'auth_rate_limit',
	{
		id: text('id').primaryKey(),
		key: text('key').notNull(),
		count: integer('count').notNull(),
		lastRequest: real('last_request').notNull()
	},
	(t) => [uniqueIndex('auth_rate_limit_key').on(t.key)]
);

/** The secret Better Auth signs cookies with, made on first start unless HUBPLAN_AUTH_SECRET is set. One row. */
export const authSecret = sqliteTable('auth_secret', {
	id: integer('id').primaryKey(),
	secret: text('secret').notNull(),
	createdAt: createdAt()
});

export const oneTimeLinkPurposes = ['first_admin', 'set_password'] as const;
export type OneTimeLinkPurpose = (typeof oneTimeLinkPurposes)[number];

/**
 * A link handed to one person once: the first-admin link `npm start` prints, or a set-password
 * link for someone added by email. Only the token's SHA-256 is stored; `usedAt` makes it single use.
 */
export const oneTimeLink = sqliteTable('one_time_link', {
	tokenSha256: text('token_sha256').primaryKey(),
	purpose: text('purpose').$type<OneTimeLinkPurpose>().notNull(),
	/** The person whose password it sets (set_password only). */
	userId: text('user_id').references(() => authUser.id, { onDelete: 'cascade' }),
	expiresAt: text('expires_at').notNull(),
	usedAt: text('used_at'),
	createdAt: createdAt()
});

/** A person's role in one partnership (roles.ts). Read and written only by auth/members.ts. */
export const membership = sqliteTable(
	'membership',
	{
		userId: text('user_id')
			.notNull()
			.references(() => authUser.id, { onDelete: 'cascade' }),
		partnershipId: text('partnership_id')
			.notNull()
			.references(() => partnership.id, { onDelete: 'cascade' }),
		role: text('role').$type<Role>().notNull(),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.userId, t.partnershipId] }), index('membership_partnership').on(t.partnershipId)]
);
