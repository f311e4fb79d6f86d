/**
 * The engine's contract: typed data in, typed data out. Pure TypeScript, no Svelte, database,
 * maplibre or `node:` imports, so the server, a Web Worker, the CLI and the benchmarks all share it.
 */

/** Population groups the access figures are broken down by, where the data carries them. */
export const GROUP_KEYS = ['age65', 'age75', 'deprived', 'noCar', 'disabled', 'badHealth'] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

export const GROUP_LABELS: Record<GroupKey, string> = {
	age65: 'Aged 65+',
	age75: 'Aged 75+',
	deprived: 'Most deprived (IMD deciles 1–2)',
	noCar: 'Households with no car',
	disabled: 'Disabled (Equality Act)',
	badHealth: 'Bad or very bad health'
};

/** A small area (LSOA) and the people living in it. */
export interface ZoneInput {
	code: string;
	/** Population-weighted centroid, WGS84. */
	lon: number;
	lat: number;
	population: number;
	/**
	 * Size of each group in the zone: persons, except `noCar`, which counts households.
	 * A key is absent when the data does not carry that group for this area.
	 */
	groups: Partial<Record<GroupKey, number>>;
	/** Share of residents aged 65+ (0–1); drives the digital-divide channel-shift rule. */
	share65Plus: number;
	/** IMD decile, 1 = most deprived 10 % of England; null when unknown. */
	imdDecile: number | null;
	/** IMD rank, 1 = most deprived LSOA in England; absent when unknown. */
	imdRank?: number | null;
	/**
	 * Counts for the equality assessment, keyed `characteristic.group` with each table's total as
	 * `characteristic.base` (see `access/characteristics.ts`); a key is absent where not carried.
	 */
	equality?: Record<string, number>;
	/** The larger area (MSOA) the zone lies in, for characteristics published only there. */
	areaCode?: string | null;
}

/** A larger area (MSOA) with counts published only at its level, keyed as `ZoneInput.equality`. */
export interface AreaInput {
	code: string;
	name: string;
	equality: Record<string, number>;
}

export interface SiteServiceInput {
	/** Service code from the catalogue, e.g. `library`, `post_office`. */
	service: string;
	visitsPerWeek: number | null;
	spaceM2: number | null;
	staffFte: number | null;
}

export interface SiteInput {
	/** Stable id from the source or import, e.g. `lib-altrincham`. */
	ref: string;
	name: string;
	kind: string;
	lon: number;
	lat: number;
	giaM2: number | null;
	desks: number | null;
	visitCapacityPerWeek: number | null;
	/** Rent + business rates + facilities and utilities, £ per year. */
	annualRunningCostGbp: number | null;
	/** Partner that occupies/pays for the building, for partner shares. */
	organisationId: string | null;
	services: SiteServiceInput[];
	/**
	 * Floor area in use today, m², where recorded (occupied m², GIA − vacant m², or GIA × a
	 * utilisation %). Absent or null: estimated from `colocation.defaultOccupancyShare`.
	 */
	occupiedM2?: number | null;
	/** yyyy-mm-dd; a vacated leasehold building handed back saves its running cost from here on. */
	leaseEnd?: string | null;
	/** Freehold buildings are sold when vacated unless the scenario says otherwise. */
	tenure?: string | null;
}

/** A supplied zone × site travel-time matrix, minutes, zone-major (`minutes[z * siteRefs.length + s]`). */
export interface TravelMatrixInput {
	mode: string;
	zoneCodes: string[];
	siteRefs: string[];
	minutes: ArrayLike<number>;
}

export interface OrganisationInput {
	id: string;
	name: string;
}

/** Everything the engine needs about a place. Built once per partnership (server or CLI). */
export interface EngineData {
	zones: ZoneInput[];
	sites: SiteInput[];
	organisations: OrganisationInput[];
	matrix?: TravelMatrixInput;
	/** Larger areas (MSOAs) for characteristics published only there. */
	areas?: AreaInput[];
	/** The partnership's own access criteria, tested beside the built-in ones. */
	criteria?: AccessCriterionInput[];
}

/**
 * An access test: at least `targetShare` of a population within a distance (or time) of the
 * nearest open site offering a service. With both thresholds, within either counts (DWP).
 */
export interface AccessCriterionInput {
	id: string;
	name: string;
	source: string;
	service: string;
	thresholdM?: number;
	thresholdMin?: number;
	/** `total`, a group key (`age65` …), an equality group (`sex.female`) or a criterion area (`poDeprived`). */
	group: string;
	targetShare: number;
}

/** A new building added by a scenario, at a point the user chose. */
export interface NewSiteInput {
	ref: string;
	name: string;
	kind: string;
	lon: number;
	lat: number;
	giaM2: number | null;
	annualRunningCostGbp: number | null;
	services: SiteServiceInput[];
}

/** One edit to the estate. Scenarios are ordered lists of these, so undo/redo is list surgery. */
export type ScenarioAction =
	| { type: 'close'; siteRef: string }
	| { type: 'hub'; siteRef: string }
	| { type: 'move'; fromSiteRef: string; toSiteRef: string; service: string; spaceM2?: number }
	| { type: 'add'; site: NewSiteInput }
	/** Put a service into a building that stays open (a council counter at a post office). */
	| { type: 'add_service'; siteRef: string; service: string; spaceM2?: number; visitsPerWeek?: number }
	/** Take a service out of a building that stays open; its visits go elsewhere as a closure's do. */
	| { type: 'withdraw_service'; siteRef: string; service: string };

export type ScenarioActionType = ScenarioAction['type'];

/** What happens to a building once the scenario leaves it empty. */
export const DISPOSAL_ROUTES = ['sell', 'let', 'hand_back'] as const;
export type DisposalRoute = (typeof DISPOSAL_ROUTES)[number];

/** A pilot cost line (from the pilot page) that the appraisal charges, split by who pays. */
export interface PilotCostInput {
	label: string;
	/** `one_off`: year 0; `annual`: every year of the appraisal. */
	kind: 'one_off' | 'annual';
	amountGbp: number;
	contributions: { organisationId: string; amountGbp: number }[];
}

export type DistanceMode = 'straight' | 'road' | 'matrix';
export type PartnerSplit = 'floor_area' | 'equal' | 'agreed';

export interface ScenarioParameters {
	colocation: {
		/** Share of a building's floor area in use today where none is recorded (0–1). */
		defaultOccupancyShare: number;
		/** Space per staff FTE for a service with recorded staff and no recorded space, m². */
		spaceM2PerFte: number;
		/** Typical space a service needs by service code, m², where neither space nor staff is recorded. */
		serviceSpaceM2: Record<string, number>;
		/** Share of incoming space saved by sharing reception, meeting rooms and WCs (0–1). */
		sharedSpaceShare: number;
		/** Space beyond what a building has (extension or new lease), £ per m². */
		extensionGbpPerM2: number;
		/** Running cost of the space an incoming service takes inside a building that was running anyway, £ per m² a year. */
		marginalRunningGbpPerM2: number;
	};
	distance: {
		mode: DistanceMode;
		/** Multiplier on great-circle distance for the "road estimate" mode. */
		circuity: number;
	};
	/** Access thresholds in metres (straight/road modes). */
	thresholdsM: number[];
	/** Access thresholds in minutes (matrix mode). */
	thresholdsMin: number[];
	channelShift: {
		/**
		 * Services whose contacts can go to phone or web (council contacts). Only their displaced
		 * visits shift channel, valued at the unit costs; a library or GP visit never is.
		 */
		services: string[];
		/** Share of displaced visits that move to phone/online instead of another building (0–1). */
		baseShare: number;
		/** Relative reduction of that share for a zone entirely aged 65+ (scaled by its 65+ share). */
		olderReduction: number;
		/** Relative reduction for zones in IMD deciles 1–2. */
		deprivedReduction: number;
		/** Of the visits that leave face-to-face, the share going to phone (the rest go online). */
		phoneShare: number;
	};
	/** The disproportionate-impact rule of the equality assessment; defaults when absent. */
	equality?: {
		/** A group is flagged when its share of those losing access ≥ this × its share of the population … */
		disproportionateRatio: number;
		/** … and at least this many of its people lose access. */
		minPeople: number;
	};
	appraisal: {
		periodYears: number;
		/** HM Treasury Green Book social time preference rate, 0.035. */
		discountRate: number;
		fitOutGbpPerM2: number;
		moveCostGbpPerService: number;
		dilapidationsGbpPerM2: number;
		ictGbpPerHub: number;
		/** Green Book supplementary guidance optimism bias uplift on capital, standard buildings 0.24. */
		optimismBias: number;
		/** Capital receipt expected from disposing of each closed building, £, by site ref. */
		capitalReceiptsGbp: Record<string, number>;
		unitCostGbp: { faceToFace: number; phone: number; web: number };
		/** Per service, unit costs that replace `unitCostGbp` for that service's contacts. */
		serviceUnitCostGbp: Record<string, { faceToFace: number; phone: number; web: number }>;
		/** What Post Office Ltd charges per council transaction at its counters, £. */
		postOfficeGbpPerTransaction: number;
		/** Disposal route by site ref; otherwise freehold buildings are sold and the rest handed back. */
		disposalRoutes: Record<string, DisposalRoute>;
		/** Capital receipt estimate for a sold building with no receipt entered, £ per m² GIA. */
		disposalValueGbpPerM2: number;
		/** Rent a let building earns, £ per m² GIA a year. */
		lettingGbpPerM2PerYear: number;
		/** First day of appraisal year 1 (yyyy-mm-dd); recorded lease ends are placed against it. */
		startDate: string;
		partnerSplit: PartnerSplit;
		/** Agreed shares by organisation id (0–1, summing to 1) when partnerSplit is 'agreed'. */
		agreedShares: Record<string, number>;
	};
}

// ---------------------------------------------------------------------------------------------
// Results. `hubplan evaluate` prints an EvaluationResult as JSON; the app shows the same object.

export interface CoverageFigure {
	/** Set in straight/road modes. */
	thresholdM?: number;
	/** Set in matrix mode. */
	thresholdMin?: number;
	/** People (households for `noCar`) within the threshold of an open site offering the service. */
	population: number;
	/** population / total, 0–1; 0 when the total is 0. */
	share: number;
}

export interface AccessSummary {
	population: number;
	/** People with no open site offering the service at all. */
	unreachable: number;
	/** Population-weighted mean and 90th percentile; null in matrix mode or with nobody served. */
	meanDistanceM: number | null;
	p90DistanceM: number | null;
	/** Same in minutes, set only in matrix mode. */
	meanMinutes: number | null;
	p90Minutes: number | null;
	coverage: CoverageFigure[];
}

/** Access for everyone and for each group the zone data carries. */
export interface AccessFigures extends AccessSummary {
	groups: Partial<Record<GroupKey, AccessSummary>>;
}

export interface ServiceAccess extends AccessFigures {
	/** Service code (the site kind for the pack's buildings, e.g. `post_office`). */
	service: string;
	/** The same figures for today's estate (no actions), for before/after comparison. */
	baseline: AccessFigures;
}

/** Per-zone nearest-site cost for one service before and after, aligned with `EngineData.zones`. */
export interface ZoneAccessDelta {
	service: string;
	unit: 'm' | 'min';
	/** null where no site offers the service. */
	before: (number | null)[];
	after: (number | null)[];
}

export interface VisitFlow {
	fromSiteRef: string;
	/** null for visits that no remaining site can take (lost) */
	toSiteRef: string | null;
	service: string;
	visitsPerWeek: number;
}

export interface SiteLoad {
	siteRef: string;
	name: string;
	baselineVisitsPerWeek: number;
	scenarioVisitsPerWeek: number;
	capacityVisitsPerWeek: number | null;
	overCapacity: boolean;
}

export interface FootfallResult {
	/** Weekly visits at closed sites and in moved services that had to go somewhere. */
	displacedVisitsPerWeek: number;
	reassignedVisitsPerWeek: number;
	shiftedToPhoneVisitsPerWeek: number;
	shiftedToWebVisitsPerWeek: number;
	/** Visits no remaining site offering the service can take. */
	lostVisitsPerWeek: number;
	/** Phone and web visits per service (only services whose contacts can go to phone or web shift). */
	channelShift: { service: string; phoneVisitsPerWeek: number; webVisitsPerWeek: number }[];
	/** Visits a week arriving at services added to buildings (stated on `add_service`). */
	addedVisitsPerWeek: number;
	flows: VisitFlow[];
	/** Every site whose load changes. */
	loads: SiteLoad[];
	warnings: string[];
}

/** How a space figure was arrived at: recorded, given on the action, or estimated from a norm or share. */
export type SpaceBasis = 'recorded' | 'action' | 'estimated';

/**
 * A building receiving services (a hub, a move target or a building given a service). Space is
 * need, not floor area: what the services use, against what the building has spare.
 */
export interface HubFit {
	hubRef: string;
	name: string;
	floorAreaM2: number | null;
	/** Space needed by the services the building keeps. */
	existingSpaceM2: number;
	/** Floor area standing empty before the scenario (recorded, or floor area × (1 − default occupancy share)). */
	vacantM2: number;
	vacantBasis: 'recorded' | 'estimated';
	/** Space needed by the services leaving this building. */
	freedM2: number;
	/** Space the incoming services need, before any shared-space saving. */
	incomingSpaceM2: number;
	incoming: {
		service: string;
		/** null for a service added (add_service) rather than moved. */
		fromSiteRef: string | null;
		spaceM2: number;
		spaceBasis: SpaceBasis;
		/** How an estimated figure was made. */
		spaceMethod: string;
		staffFte: number;
	}[];
	/** Reception, meeting rooms and WCs the incoming services share instead of bringing. */
	sharedSpaceSavingM2: number;
	/** Incoming space fitted into the building's spare and freed space (refurbished). */
	reconfiguredM2: number;
	fits: boolean;
	/** Incoming need beyond vacant + freed space (extension or new lease). */
	shortfallM2: number;
	/** Refurbishment of reconfigured space plus the extension or lease of any shortfall. */
	fitOutCostGbp: number;
	refurbishmentCostGbp: number;
	extensionCostGbp: number;
	/** Marginal running cost of reconfigured space plus the full cost of any shortfall, £ a year. */
	extraRunningCostGbp: number;
	desks: number | null;
	staffFteAfter: number;
}

export interface CashFlowYear {
	year: number;
	cashGbp: number;
	discountedGbp: number;
	cumulativeGbp: number;
	cumulativeDiscountedGbp: number;
}

export interface PartnerShare {
	organisationId: string;
	name: string;
	share: number;
	annualSavingGbp: number;
	oneOffCostGbp: number;
	npvGbp: number;
}

export interface VacatedSite {
	siteRef: string;
	name: string;
	annualRunningCostGbp: number;
	route: DisposalRoute;
	/** Where the route came from: the scenario, or the default (sell freeholds, hand the rest back). */
	routeBasis: 'scenario' | 'default';
	/** Sale: the receipt entered for it, or an estimate (floor area × value per m²); otherwise 0. */
	capitalReceiptGbp: number;
	receiptBasis: 'scenario' | 'estimated' | 'none';
	/** Let: rent a year. */
	lettingIncomeGbp: number;
	/** Hand back: the recorded lease end; the running cost is saved from it. */
	leaseEnd: string | null;
	/** First appraisal year with any running saving from this building (1 unless a lease runs on). */
	savingFromYear: number | null;
}

export interface AppraisalResult {
	vacatedSites: VacatedSite[];
	annualRunningSavingGbp: number;
	extraHubRunningCostGbp: number;
	/** Running cost of sites the scenario adds, £ a year. */
	newSiteRunningCostGbp: number;
	annualChannelSavingGbp: number;
	/** Rent from buildings let once vacated, £ a year. */
	annualLettingIncomeGbp: number;
	/** Post Office Ltd's fees for council transactions at its counters, £ a year. */
	postOfficeFeesGbp: number;
	/** Council face-to-face contacts handled at Post Office counters instead, at the council's unit cost (staff time), £ a year. */
	annualStaffTimeSavingGbp: number;
	/** Running costs of the scenario's pilot, £ a year. */
	pilotRunningCostGbp: number;
	/**
	 * Money that leaves or stays in budgets, £ a year at full effect: running savings + letting
	 * income − extra hub running − new-site running − Post Office fees − pilot running costs.
	 */
	annualCashableSavingGbp: number;
	/** Economic value that does not reach a budget unless posts are cut: channel shift + staff time. */
	annualNonCashableSavingGbp: number;
	/** Cashable + non-cashable. */
	annualNetSavingGbp: number;
	oneOff: {
		fitOutGbp: number;
		movesGbp: number;
		dilapidationsGbp: number;
		ictGbp: number;
		optimismBiasGbp: number;
		/** One-off pilot costs from the pilot page. */
		pilotGbp: number;
		totalGbp: number;
	};
	capitalReceiptsGbp: number;
	/** All savings, cashable and not. */
	cashFlows: CashFlowYear[];
	npvGbp: number;
	/** First year in which cumulative (undiscounted) cash turns non-negative; null if never. */
	paybackYear: number | null;
	/** Cashable savings only: what budgets see. */
	cashFlowsCashable: CashFlowYear[];
	npvCashableGbp: number;
	paybackYearCashable: number | null;
	partnerShares: PartnerShare[];
}

/** A stated input or assumption behind a result: what, value, and where it comes from. */
export interface Assumption {
	key: string;
	label: string;
	value: number | string;
	source: string;
}

export interface EvaluationResult {
	actions: ScenarioAction[];
	parameters: ScenarioParameters;
	assumptions: Assumption[];
	services: ServiceAccess[];
	footfall: FootfallResult;
	colocation: HubFit[];
	appraisal: AppraisalResult;
	zoneAccess: ZoneAccessDelta[];
	/** Who loses (and gains) access, by characteristic and group, for each service whose access changes. */
	equality: EqualityFigure[];
	/** Characteristics the assessment cannot count, each with the reason. */
	equalityGaps: EqualityGap[];
	/** Each access criterion, before and after. */
	criteria: CriterionResult[];
	/** Everything the reader should know about gaps in the data or assumptions applied (footfall, hubs, appraisal). */
	warnings: string[];
}

// Equality and access criteria (access/equality.ts, access/criteria.ts)

export interface EqualityThresholdFigure {
	thresholdM?: number;
	thresholdMin?: number;
	/** The threshold in words, e.g. "1 mile", "15 minutes". */
	thresholdLabel: string;
	/** People of the group within the threshold before, not after. */
	people: number;
	/** people ÷ everyone in the table who loses access (0 when no one does). */
	shareOfLost: number;
	/** The group ÷ the table's total. */
	shareOfPopulation: number;
	/** By the stated rule (README: equality assessment). */
	disproportionate: boolean;
	/** People of the group newly within the threshold (a new or moved site). */
	gained: number;
	/** gained − people. */
	net: number;
}

export interface EqualityFigure {
	service: string;
	characteristic: string;
	characteristicLabel: string;
	group: string;
	groupLabel: string;
	kind: 'protected' | 'need';
	unit: 'people' | 'households';
	/** Where the counts come from, and how when they are shared from larger areas. */
	source: string;
	/** Everyone in the group (the table's count). */
	population: number;
	lost: EqualityThresholdFigure[];
}

export interface EqualityGap {
	characteristic: string;
	label: string;
	reason: string;
}

/** A criterion as asked, with its result before and after the scenario. */
export interface CriterionResult extends AccessCriterionInput {
	/** e.g. "1 mile", "3 miles or 20 minutes by public transport". */
	thresholdLabel: string;
	groupLabel: string;
	/** Shares 0–1 before and after; null when the test cannot be made (see `note`). */
	before: number | null;
	after: number | null;
	passBefore: boolean | null;
	passAfter: boolean | null;
	/** What was assumed or could not be tested, in plain words; null when nothing. */
	note: string | null;
}
