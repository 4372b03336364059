/**
 * The outcome measures a medical exercise practice records, with their units, the range of values
 * that can plausibly be real (anything outside is a typing error, not a finding), which way is
 * better, and the published reference values a provider will recognise — each with its source.
 *
 * Pure data and types: shared by the browser (forms, charts) and the server (seeding, reports).
 */

export type MeasureDomain =
	'function' | 'strength' | 'flexibility' | 'stability' | 'endurance' | 'balance' | 'vitals' | 'body' | 'symptoms' | 'effort' | 'custom';

/** The order a provider reads in: function first, body composition last. */
export const domainLabels: Record<MeasureDomain, string> = {
	function: 'Function',
	strength: 'Strength',
	flexibility: 'Flexibility and range of motion',
	stability: 'Stability',
	endurance: 'Endurance',
	balance: 'Balance and coordination',
	symptoms: 'Symptoms',
	effort: 'Effort',
	vitals: 'Vital signs',
	body: 'Body composition',
	custom: 'Other measures'
};

export type Direction = 'higher' | 'lower' | 'none';

export interface Source {
	citation: string;
	url?: string;
}

export interface UnitSpec {
	id: string;
	label: string;
	/** Plausible range in this unit, inclusive. */
	min: number;
	max: number;
	/** Decimal places accepted: 0 means whole numbers only. */
	decimals: number;
	/**
	 * Multiplier into the measure's first unit. Absent on the first unit (1) and on units that are
	 * a different scale altogether (Borg 6–20 against CR10), which are charted apart.
	 */
	toBase?: number;
}

export interface Component {
	key: string;
	label: string;
	/** Plausible range when it differs by component (systolic and diastolic share mmHg). */
	min?: number;
	max?: number;
}

export type Qualifier = { kind: 'side' } | { kind: 'text'; label: string; required: boolean; hint: string };

export type Sex = 'female' | 'male';

export interface ThresholdRow {
	sex?: Sex;
	ageFrom?: number;
	ageTo?: number;
	value: number;
}

export type ThresholdFlag = 'below' | 'atOrBelow' | 'above' | 'atOrAbove';

export interface Threshold {
	id: string;
	/** The component it applies to; the first when absent. */
	component?: string;
	/** Which side of the cut-off is flagged. */
	flag: ThresholdFlag;
	/** Unit of the row values. */
	unit: string;
	/** A row without sex or age applies to everyone; otherwise the row matching the client. */
	rows: ThresholdRow[];
	/** Name for the table and the chart, `{value}` replaced by the cut-off with its unit. */
	label: string;
	/** A shorter name for the chart's reference line, where the full one would not fit. */
	chartLabel?: string;
	/** What a flagged value means, worded for the provider and within the trainer's scope. */
	meaning: string;
	source: Source;
	/** Drawn on the chart as a line; off for cut-offs far from usual values. */
	charted?: boolean;
}

export interface MeaningfulChange {
	value: number;
	unit: string;
	label: string;
	source: Source;
}

export interface MeasureDefinition {
	id: string;
	label: string;
	domain: MeasureDomain;
	components: Component[];
	units: UnitSpec[];
	qualifier?: Qualifier;
	direction: Direction;
	/** How it is measured, in a line: the protocol decides whether two values can be compared. */
	protocol: string;
	thresholds: Threshold[];
	meaningfulChange?: MeaningfulChange;
	custom?: boolean;
}

const single = (label: string): Component[] => [{ key: 'value', label }];

const LB_TO_KG = 0.45359237;

const sources = {
	accAha2017: {
		citation:
			'Whelton PK, Carey RM, Aronow WS, et al. 2017 ACC/AHA/AAPA/ABC/ACPM/AGS/APhA/ASH/ASPC/NMA/PCNA guideline for the prevention, detection, evaluation, and management of high blood pressure in adults. Hypertension. 2018;71(6):e13–e115.',
		url: 'https://doi.org/10.1161/HYP.0000000000000065'
	},
	ahaHeartRate: {
		citation: 'American Heart Association. All about heart rate (pulse): a normal resting heart rate for adults is 60 to 100 beats per minute.',
		url: 'https://www.heart.org/en/health-topics/high-blood-pressure/the-facts-about-high-blood-pressure/all-about-heart-rate-pulse'
	},
	nhlbi1998: {
		citation:
			'National Heart, Lung, and Blood Institute. Clinical guidelines on the identification, evaluation, and treatment of overweight and obesity in adults: the evidence report. NIH Publication No. 98-4083, 1998.',
		url: 'https://www.ncbi.nlm.nih.gov/books/NBK2003/'
	},
	steadiTug: {
		citation:
			'Centers for Disease Control and Prevention. STEADI (Stopping Elderly Accidents, Deaths & Injuries) assessment: Timed Up & Go (TUG). An older adult who takes 12 seconds or more to complete the TUG is at risk for falling.',
		url: 'https://www.cdc.gov/steadi/'
	},
	steadiChairStand: {
		citation:
			'Centers for Disease Control and Prevention. STEADI assessment: 30-Second Chair Stand, table of below-average scores by age and sex, after Rikli RE, Jones CJ. Functional fitness normative scores for community-residing older adults, ages 60–94. J Aging Phys Act. 1999;7:162–181.',
		url: 'https://www.cdc.gov/steadi/'
	},
	vellas1997: {
		citation:
			'Vellas BJ, Wayne SJ, Romero L, Baumgartner RN, Rubenstein LZ, Garry PJ. One-leg balance is an important predictor of injurious falls in older persons. J Am Geriatr Soc. 1997;45(6):735–738.',
		url: 'https://doi.org/10.1111/j.1532-5415.1997.tb01479.x'
	},
	ewgsop2: {
		citation:
			'Cruz-Jentoft AJ, Bahat G, Bauer J, et al. Sarcopenia: revised European consensus on definition and diagnosis (EWGSOP2). Age Ageing. 2019;48(1):16–31.',
		url: 'https://doi.org/10.1093/ageing/afy169'
	},
	holland2014: {
		citation:
			'Holland AE, Spruit MA, Troosters T, et al. An official European Respiratory Society/American Thoracic Society technical standard: field walking tests in chronic respiratory disease. Eur Respir J. 2014;44(6):1428–1446.',
		url: 'https://doi.org/10.1183/09031936.00150314'
	},
	farrar2001: {
		citation:
			'Farrar JT, Young JP Jr, LaMoreaux L, Werth JL, Poole RM. Clinical importance of changes in chronic pain intensity measured on an 11-point numerical pain rating scale. Pain. 2001;94(2):149–158.',
		url: 'https://doi.org/10.1016/S0304-3959(01)00349-9'
	},
	abbott2014: {
		citation:
			'Abbott JH, Schmitt JS. Minimum important differences for the Patient-Specific Functional Scale, 4 region-specific outcome measures, and the Numeric Pain Rating Scale. J Orthop Sports Phys Ther. 2014;44(8):560–564.',
		url: 'https://doi.org/10.2519/jospt.2014.5248'
	}
} satisfies Record<string, Source>;

/** Below-average 30-second chair stand scores (fewer stands than this), CDC STEADI. */
const chairStandRows: ThresholdRow[] = [
	[60, 64, 14, 12],
	[65, 69, 12, 11],
	[70, 74, 12, 10],
	[75, 79, 11, 10],
	[80, 84, 10, 9],
	[85, 89, 8, 8],
	[90, 94, 7, 4]
].flatMap(([ageFrom, ageTo, men, women]) => [
	{ sex: 'male' as const, ageFrom, ageTo, value: men ?? 0 },
	{ sex: 'female' as const, ageFrom, ageTo, value: women ?? 0 }
]);

export const builtinMeasures: MeasureDefinition[] = [
	{
		id: 'psfs',
		label: 'Patient-Specific Functional Scale',
		domain: 'function',
		components: single('Score'),
		units: [{ id: 'score', label: '0–10', min: 0, max: 10, decimals: 0 }],
		qualifier: { kind: 'text', label: 'Activity', required: true, hint: 'The activity in the client’s words, e.g. climbing stairs.' },
		direction: 'higher',
		protocol: 'The client rates each of up to five activities from 0 (unable) to 10 (able as before the problem).',
		thresholds: [],
		meaningfulChange: { value: 1.3, unit: 'score', label: 'minimum important difference (small change)', source: sources.abbott2014 }
	},
	{
		id: 'gait_speed',
		label: 'Gait speed',
		domain: 'function',
		components: single('Speed'),
		units: [{ id: 'm/s', label: 'm/s', min: 0.05, max: 3, decimals: 2 }],
		direction: 'higher',
		protocol: '4-metre walk at usual pace from a standing start; the faster of two trials.',
		thresholds: [
			{
				id: 'ewgsop2-gait',
				flag: 'atOrBelow',
				unit: 'm/s',
				rows: [{ value: 0.8 }],
				label: 'Low physical performance: {value} or slower',
				meaning: 'At or below the EWGSOP2 cut-off for low physical performance; worth sharing with the client’s provider.',
				source: sources.ewgsop2
			}
		]
	},
	{
		id: 'chair_stand_30s',
		label: '30-second chair stand',
		domain: 'strength',
		components: single('Stands'),
		units: [{ id: 'stands', label: 'stands', min: 0, max: 50, decimals: 0 }],
		direction: 'higher',
		protocol: 'Full stands from a 17-inch (43 cm) chair, arms crossed, in 30 seconds.',
		thresholds: [
			{
				id: 'steadi-chair-stand',
				flag: 'below',
				unit: 'stands',
				rows: chairStandRows,
				label: 'Below average for age and sex: fewer than {value}',
				chartLabel: 'Age and sex norm: {value}',
				meaning: 'Below average for age and sex, which CDC STEADI associates with a risk of falls.',
				source: sources.steadiChairStand
			}
		]
	},
	{
		id: 'grip_strength',
		label: 'Grip strength',
		domain: 'strength',
		components: single('Grip'),
		units: [
			{ id: 'kg', label: 'kg', min: 0, max: 120, decimals: 1 },
			{ id: 'lb', label: 'lb', min: 0, max: 265, decimals: 1, toBase: LB_TO_KG }
		],
		qualifier: { kind: 'side' },
		direction: 'higher',
		protocol: 'Hand-held dynamometer, seated, elbow at 90°; the best of three trials per hand.',
		thresholds: [
			{
				id: 'ewgsop2-grip',
				flag: 'below',
				unit: 'kg',
				rows: [
					{ sex: 'male', value: 27 },
					{ sex: 'female', value: 16 }
				],
				label: 'Low grip strength: under {value}',
				meaning: 'Below the EWGSOP2 cut-off for low grip strength; worth sharing with the client’s provider.',
				source: sources.ewgsop2
			}
		]
	},
	{
		id: 'chair_sit_and_reach',
		label: 'Chair sit-and-reach',
		domain: 'flexibility',
		components: single('Reach'),
		units: [
			{ id: 'cm', label: 'cm', min: -50, max: 50, decimals: 1 },
			{ id: 'in', label: 'in', min: -20, max: 20, decimals: 1, toBase: 2.54 }
		],
		qualifier: { kind: 'side' },
		direction: 'higher',
		protocol: 'Senior Fitness Test protocol: distance from fingertips to toes; short of the toes is negative.',
		thresholds: []
	},
	{
		id: 'range_of_motion',
		label: 'Range of motion',
		domain: 'flexibility',
		components: single('Range'),
		units: [{ id: 'deg', label: '°', min: 0, max: 200, decimals: 0 }],
		qualifier: { kind: 'text', label: 'Joint and movement', required: true, hint: 'e.g. right shoulder flexion' },
		direction: 'higher',
		protocol: 'Goniometer, active range, same position each time.',
		thresholds: []
	},
	{
		id: 'six_minute_walk',
		label: '6-minute walk distance',
		domain: 'endurance',
		components: single('Distance'),
		units: [
			{ id: 'm', label: 'm', min: 10, max: 1000, decimals: 0 },
			{ id: 'ft', label: 'ft', min: 30, max: 3300, decimals: 0, toBase: 0.3048 }
		],
		direction: 'higher',
		protocol: '30-metre corridor, standardised encouragement; note any rests or walking aid.',
		thresholds: [],
		meaningfulChange: { value: 30, unit: 'm', label: 'minimal important difference', source: sources.holland2014 }
	},
	{
		id: 'timed_up_and_go',
		label: 'Timed up-and-go',
		domain: 'balance',
		components: single('Time'),
		units: [{ id: 's', label: 's', min: 3, max: 120, decimals: 1 }],
		direction: 'lower',
		protocol: 'Rise from a chair, walk 3 metres at usual pace, turn, walk back and sit; usual walking aid.',
		thresholds: [
			{
				id: 'steadi-tug',
				flag: 'atOrAbove',
				unit: 's',
				rows: [{ value: 12 }],
				label: 'Fall risk: {value} or more',
				meaning: 'CDC STEADI: an older adult who takes 12 seconds or more is at risk for falling.',
				source: sources.steadiTug
			}
		]
	},
	{
		id: 'single_leg_stance',
		label: 'Single-leg stance',
		domain: 'balance',
		components: single('Time'),
		units: [{ id: 's', label: 's', min: 0, max: 120, decimals: 1 }],
		qualifier: { kind: 'side' },
		direction: 'higher',
		protocol: 'Eyes open, arms crossed, timed until the lifted foot touches down or the stance foot moves.',
		thresholds: [
			{
				id: 'vellas-one-leg',
				flag: 'below',
				unit: 's',
				rows: [{ value: 5 }],
				label: 'Under {value}',
				meaning: 'Unable to stand on one leg for 5 seconds predicted injurious falls in older adults (Vellas et al. 1997).',
				source: sources.vellas1997
			}
		]
	},
	{
		id: 'pain',
		label: 'Pain (0–10)',
		domain: 'symptoms',
		components: single('Pain'),
		units: [{ id: 'nprs', label: '/10', min: 0, max: 10, decimals: 0 }],
		qualifier: { kind: 'text', label: 'Where or during what', required: false, hint: 'e.g. right knee on stairs' },
		direction: 'lower',
		protocol: 'Numeric pain rating: 0 is no pain, 10 the worst imaginable, as the client reports it.',
		thresholds: [],
		meaningfulChange: { value: 2, unit: 'nprs', label: 'clinically important change', source: sources.farrar2001 }
	},
	{
		id: 'rpe',
		label: 'Rating of perceived exertion',
		domain: 'effort',
		components: single('RPE'),
		units: [
			{ id: 'borg', label: 'Borg 6–20', min: 6, max: 20, decimals: 0 },
			{ id: 'cr10', label: 'CR10 0–10', min: 0, max: 10, decimals: 1 }
		],
		qualifier: { kind: 'text', label: 'Activity and workload', required: false, hint: 'e.g. 6-minute walk, or cycle 50 W' },
		direction: 'none',
		protocol: 'Rated at the end of the same task and workload each time, so the numbers compare.',
		thresholds: []
	},
	{
		id: 'blood_pressure',
		label: 'Blood pressure',
		domain: 'vitals',
		components: [
			{ key: 'systolic', label: 'Systolic', min: 60, max: 260 },
			{ key: 'diastolic', label: 'Diastolic', min: 30, max: 160 }
		],
		units: [{ id: 'mmHg', label: 'mmHg', min: 30, max: 260, decimals: 0 }],
		direction: 'lower',
		protocol: 'Seated after 5 minutes’ rest, arm supported at heart level, same arm each time.',
		thresholds: [
			{
				id: 'acc-aha-stage1-systolic',
				component: 'systolic',
				flag: 'atOrAbove',
				unit: 'mmHg',
				rows: [{ value: 130 }],
				label: 'Systolic {value} or higher',
				meaning: 'In the ACC/AHA 2017 stage 1 hypertension range or above; share with the client’s provider.',
				source: sources.accAha2017
			},
			{
				id: 'acc-aha-stage1-diastolic',
				component: 'diastolic',
				flag: 'atOrAbove',
				unit: 'mmHg',
				rows: [{ value: 80 }],
				label: 'Diastolic {value} or higher',
				meaning: 'In the ACC/AHA 2017 stage 1 hypertension range or above; share with the client’s provider.',
				source: sources.accAha2017
			},
			{
				id: 'acc-aha-severe-systolic',
				component: 'systolic',
				flag: 'above',
				unit: 'mmHg',
				rows: [{ value: 180 }],
				label: 'Systolic above {value}',
				meaning: 'Above 180 mmHg: ACC/AHA severe range. Do not start the session; contact the client’s provider.',
				source: sources.accAha2017,
				charted: false
			},
			{
				id: 'acc-aha-severe-diastolic',
				component: 'diastolic',
				flag: 'above',
				unit: 'mmHg',
				rows: [{ value: 120 }],
				label: 'Diastolic above {value}',
				meaning: 'Above 120 mmHg: ACC/AHA severe range. Do not start the session; contact the client’s provider.',
				source: sources.accAha2017,
				charted: false
			}
		]
	},
	{
		id: 'resting_heart_rate',
		label: 'Resting heart rate',
		domain: 'vitals',
		components: single('Heart rate'),
		units: [{ id: 'bpm', label: 'bpm', min: 25, max: 220, decimals: 0 }],
		direction: 'lower',
		protocol: 'Seated after 5 minutes’ rest; note medication that slows the heart (e.g. beta-blockers).',
		thresholds: [
			{
				id: 'aha-resting-hr',
				flag: 'above',
				unit: 'bpm',
				rows: [{ value: 100 }],
				label: 'Above {value}',
				meaning: 'Above the usual adult resting range of 60 to 100 beats per minute; share with the client’s provider.',
				source: sources.ahaHeartRate
			}
		]
	},
	{
		id: 'weight',
		label: 'Body weight',
		domain: 'body',
		components: single('Weight'),
		units: [
			{ id: 'kg', label: 'kg', min: 20, max: 350, decimals: 1 },
			{ id: 'lb', label: 'lb', min: 44, max: 770, decimals: 1, toBase: LB_TO_KG }
		],
		direction: 'none',
		protocol: 'Same scale, same time of day, light clothing.',
		thresholds: []
	},
	{
		id: 'body_fat',
		label: 'Body-fat percentage',
		domain: 'body',
		components: single('Body fat'),
		units: [{ id: 'percent', label: '%', min: 2, max: 75, decimals: 1 }],
		direction: 'none',
		protocol: 'Same method every time (note it: bioimpedance and skinfolds disagree).',
		thresholds: []
	},
	{
		id: 'waist',
		label: 'Waist circumference',
		domain: 'body',
		components: single('Waist'),
		units: [
			{ id: 'cm', label: 'cm', min: 40, max: 250, decimals: 1 },
			{ id: 'in', label: 'in', min: 16, max: 100, decimals: 1, toBase: 2.54 }
		],
		direction: 'lower',
		protocol: 'Just above the hip bones, at the end of a normal breath out.',
		thresholds: [
			{
				id: 'nhlbi-waist',
				flag: 'above',
				unit: 'cm',
				rows: [
					{ sex: 'male', value: 102 },
					{ sex: 'female', value: 88 }
				],
				label: 'Above {value}',
				meaning: 'Above the NHLBI cut-off (102 cm for men, 88 cm for women) associated with higher cardiometabolic risk.',
				source: sources.nhlbi1998
			}
		]
	}
];

const builtinById = new Map(builtinMeasures.map((measure) => [measure.id, measure]));

export function builtinMeasure(id: string): MeasureDefinition | undefined {
	return builtinById.get(id);
}

export function unitOf(measure: MeasureDefinition, unitId: string): UnitSpec | undefined {
	return measure.units.find((unit) => unit.id === unitId);
}

/** Converts between two units of one measure, or undefined when they are different scales. */
export function convert(measure: MeasureDefinition, value: number, from: string, to: string): number | undefined {
	if (from === to) return value;
	const source = unitOf(measure, from);
	const target = unitOf(measure, to);
	if (!source || !target) return undefined;
	const base = measure.units[0]?.id;
	const sourceFactor = source.id === base ? 1 : source.toBase;
	const targetFactor = target.id === base ? 1 : target.toBase;
	if (sourceFactor === undefined || targetFactor === undefined) return undefined;
	return (value * sourceFactor) / targetFactor;
}
