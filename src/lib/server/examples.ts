/**
 * Three worked examples the demo partnership gets on first start, built from the documents Hubplan
 * was made from and the real Trafford buildings of the pack, through the same actions a user takes
 * (so every figure they show is the engine's):
 *
 * - St Albans: Citizens Advice, the CVS and a college outreach service share a council office, with
 *   a £60,000 pilot (£25,000 from the Local Strategic Partnership, £35,000 from the council) and
 *   four milestones (St Albans District Council's shared service centre, 2011–12);
 * - Post Office as front office: council customer service at the five Post Office branches nearest
 *   Altrincham Town Hall, and the town hall's own counter withdrawn (Sheffield City Council and Post
 *   Office Ltd pilot, 2010);
 * - Birmingham: three retained buildings with spare space take in services whose buildings are then
 *   vacated ("fuller use of retained buildings", Birmingham shared service hubs).
 *
 * Examples are read only (scenarios.ts); "Duplicate to edit" copies one, pilot included. Seeding
 * runs once per partnership (`partnership.examplesSeededAt`): deleting an example does not bring
 * it back on the next start.
 */
import { eq } from 'drizzle-orm';
import { t, transaction, type Db } from './db';
import type { Actor } from './auth/actor';
import * as scenarios from './scenarios';
import * as pilots from './pilots';
import * as partners from './partners';
import type { ScenarioAction } from '../engine/types';

/** The funder of the St Albans-style pilot: occupies nothing, pays a share. */
export const LSP_NAME = 'Trafford Partnership (Local Strategic Partnership)';
const COUNCIL_ID = 'trafford-council';
/** The council office that becomes the shared service centre. */
export const SHARED_CENTRE_REF = 'co-sale-waterside';
/** The five branches nearest Altrincham Town Hall (straight line, 1.2–1.8 km), none a delivery office. */
export const FRONT_OFFICE_BRANCHES = ['po-7cd8974d', 'po-e07df88f', 'po-1248047f', 'po-bd4e50d0', 'po-93923002'];
/**
 * Council transactions a week each branch takes on. Hubplan planning assumption: the town hall
 * counter's visits are not recorded, and the Sheffield pilot's 700,000 transactions a year are for
 * a whole city's network, with no per-branch figure.
 */
export const FRONT_OFFICE_VISITS_PER_WEEK = 40;

interface PilotPlan {
	milestones: pilots.MilestoneInput[];
	costs: { label: string; kind: 'one_off' | 'annual'; amountGbp: number; contributions: { partner: 'council' | 'lsp'; amountGbp: number }[] }[];
}

export interface WorkedExample {
	key: 'st-albans' | 'post-office' | 'birmingham';
	name: string;
	description: string;
	actions: ScenarioAction[];
	pilot?: PilotPlan;
}

/** The examples, in the order they are listed. */
export const EXAMPLES: WorkedExample[] = [
	{
		key: 'st-albans',
		name: 'Example: shared service centre at Sale Waterside (St Albans-style)',
		description:
			'After St Albans, where Citizens Advice, the CVS and Oaklands College moved into the council offices for a £60,000 pilot (£25,000 from the Local Strategic Partnership, £35,000 from the council). Here Citizens Advice and a college outreach service join Sale Waterside with the space they need, and the voluntary sector’s Sale Community Hub moves in, so its building is vacated.',
		actions: [
			{ type: 'add_service', siteRef: SHARED_CENTRE_REF, service: 'advice', spaceM2: 60 },
			{ type: 'move', fromSiteRef: 'hub-sale', toSiteRef: SHARED_CENTRE_REF, service: 'community_hub', spaceM2: 100 },
			{ type: 'add_service', siteRef: SHARED_CENTRE_REF, service: 'college', spaceM2: 40 }
		],
		pilot: {
			milestones: [
				{ title: 'Partners agree the shared service centre and its funding', owner: 'Trafford Partnership board', startDate: '2027-01-04', endDate: '2027-02-26' },
				{ title: 'Fit out shared reception and interview rooms', owner: 'Trafford Council estates', startDate: '2027-03-01', endDate: '2027-03-31', hubSiteRef: SHARED_CENTRE_REF },
				{ title: 'Citizens Advice, CVS and college outreach open at Waterside', owner: 'Service leads', startDate: '2027-04-01', endDate: '2027-04-30', hubSiteRef: SHARED_CENTRE_REF },
				{ title: 'Six-month review of the pilot', owner: 'Trafford Partnership board', startDate: '2027-10-01', endDate: '2027-10-29' }
			],
			costs: [
				{
					label: 'Shared service centre pilot',
					kind: 'one_off',
					amountGbp: 60000,
					contributions: [
						{ partner: 'lsp', amountGbp: 25000 },
						{ partner: 'council', amountGbp: 35000 }
					]
				}
			]
		}
	},
	{
		key: 'post-office',
		name: 'Example: the Post Office as front office',
		description: `After the Sheffield City Council and Post Office Ltd pilot, where council transactions go over Post Office counters. Council customer service is added at the five branches nearest Altrincham Town Hall (${FRONT_OFFICE_VISITS_PER_WEEK} transactions a week each, an assumption) and withdrawn from the town hall's counter; the town hall stays open for its council staff.`,
		actions: [
			...FRONT_OFFICE_BRANCHES.map(
				(siteRef): ScenarioAction => ({ type: 'add_service', siteRef, service: 'council_customer_service', visitsPerWeek: FRONT_OFFICE_VISITS_PER_WEEK })
			),
			{ type: 'withdraw_service', siteRef: 'co-altrincham-town-hall', service: 'council_customer_service' }
		]
	},
	{
		key: 'birmingham',
		name: 'Example: hub network in retained buildings (Birmingham-style)',
		description:
			'After Birmingham’s shared service hubs and their “fuller use of retained buildings”. Urmston Library and Stretford Library take in their towns’ community hubs, and Trafford Town Hall takes in Stretford Jobcentre Plus and the Trafford Probation Office; the four buildings they leave are vacated.',
		actions: [
			{ type: 'move', fromSiteRef: 'hub-urmston', toSiteRef: 'lib-urmston', service: 'community_hub' },
			{ type: 'move', fromSiteRef: 'hub-stretford', toSiteRef: 'lib-stretford', service: 'community_hub' },
			{ type: 'move', fromSiteRef: 'jcp-stretford', toSiteRef: 'co-trafford-town-hall', service: 'jobcentre' },
			{ type: 'move', fromSiteRef: 'prob-trafford', toSiteRef: 'co-trafford-town-hall', service: 'probation_office' }
		]
	}
];

/**
 * Adds the worked examples to the partnership once, in one transaction; returns how many were
 * added (0 when they were added before, even if some have since been deleted).
 */
export async function ensureExamples(db: Db, actor: Actor, partnershipId: string): Promise<number> {
	return transaction(db, async (tx) => {
		const [partnership] = await tx.select().from(t.partnership).where(eq(t.partnership.id, partnershipId));
		if (!partnership || partnership.examplesSeededAt) return 0;
		await scenarios.ensureBaseline(tx, partnershipId);
		for (const example of EXAMPLES) await addExample(tx, actor, partnershipId, example);
		await tx.update(t.partnership).set({ examplesSeededAt: new Date().toISOString() }).where(eq(t.partnership.id, partnershipId));
		return EXAMPLES.length;
	});
}

async function addExample(db: Db, actor: Actor, partnershipId: string, example: WorkedExample): Promise<void> {
	const scenario = await scenarios.create(db, actor, partnershipId, { name: example.name, description: example.description, actions: example.actions });
	if (example.pilot) {
		const lsp = await partners.findByName(db, partnershipId, LSP_NAME) ?? await partners.add(db, actor, partnershipId, { name: LSP_NAME, kind: 'strategic_partnership' });
		const ids = { council: COUNCIL_ID, lsp: lsp.id };
		for (const m of example.pilot.milestones) await pilots.createMilestone(db, actor, partnershipId, scenario.id, m);
		for (const c of example.pilot.costs) {
			await pilots.createCost(db, actor, partnershipId, scenario.id, {
				label: c.label,
				kind: c.kind,
				amountGbp: String(c.amountGbp),
				contributions: Object.fromEntries(c.contributions.map((x) => [ids[x.partner], String(x.amountGbp)]))
			});
		}
	}
	await scenarios.markExample(db, actor, partnershipId, scenario.id, example.key);
}
