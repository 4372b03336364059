/**
 * The "fitness to medicine" phrase table. Two kinds of hint:
 *  - scope: wording that claims diagnosis or treatment, which a provider reads as a trainer
 *    working outside their scope;
 *  - jargon: gym language a provider skips, where a functional outcome belongs.
 *
 * Shipped as data; each trainer adds their own rows (stored per trainer, see server/practice).
 * Every phrase is matched as whole words, case-insensitively; list each inflection you mean.
 */

export type HintCategory = 'scope' | 'jargon';

export const hintCategoryLabels: Record<HintCategory, string> = {
	scope: 'Scope of practice',
	jargon: 'Fitness jargon'
};

export interface LanguageRule {
	id: string;
	category: HintCategory;
	/** Word forms and phrases that trigger the hint. */
	phrases: string[];
	/** Why a provider reads it badly. */
	explanation: string;
	/** Wording to use instead. */
	suggestion: string;
	/**
	 * Words that, right before the phrase, make it someone else's act rather than the trainer's
	 * claim: "was diagnosed with" reports history; it does not claim to diagnose.
	 */
	exceptAfter?: string[];
	/** 'practice' for the trainer's own rows. */
	origin?: 'builtin' | 'practice';
}

export const builtinRules: LanguageRule[] = [
	{
		id: 'diagnose',
		category: 'scope',
		phrases: ['diagnose', 'diagnoses', 'diagnosed', 'diagnosing', 'diagnosis', 'diagnostic'],
		explanation: 'Diagnosis belongs to the provider. Describe what you observed and measured instead.',
		suggestion: 'observed, measured, screened (“the client’s timed up-and-go was 13 s”); refer questions of cause to the provider',
		exceptAfter: ['was', 'were', 'been', 'is', 'are', 'being', 'previously', 'recently', 'formally', 'medically', 'a', 'the', 'their', 'his', 'her']
	},
	{
		id: 'treat',
		category: 'scope',
		phrases: ['treat', 'treats', 'treated', 'treating', 'treatment', 'treatments'],
		explanation: 'Treatment is what the provider does. A trainer designs and supervises exercise.',
		suggestion: 'train, work on, address through the exercise programme',
		exceptAfter: ['medical', 'medically', 'their', 'his', 'her', 'your', 'under']
	},
	{
		id: 'cure',
		category: 'scope',
		phrases: ['cure', 'cures', 'cured', 'curing', 'curative'],
		explanation: 'Exercise improves function; promising a cure is a medical claim.',
		suggestion: 'improve, support, reduce the effect of … on daily activities'
	},
	{
		id: 'prescribe',
		category: 'scope',
		phrases: ['prescribe', 'prescribes', 'prescribed', 'prescribing', 'prescription', 'prescriptions'],
		explanation: 'Providers prescribe. The trainer recommends and designs a programme within the provider’s precautions.',
		suggestion: 'recommend, design, programme (“the exercise programme includes …”)',
		exceptAfter: ['medication', 'medications', 'drug', 'drugs', 'their', 'his', 'her', 'your']
	},
	{
		id: 'heal',
		category: 'scope',
		phrases: ['heal', 'heals', 'healed', 'healing'],
		explanation: 'Healing is a medical outcome a trainer cannot claim.',
		suggestion: 'recover, regain, return to (an activity)'
	},
	{
		id: 'rehabilitate',
		category: 'scope',
		phrases: ['rehab', 'rehabilitate', 'rehabilitates', 'rehabilitated', 'rehabilitating', 'rehabilitation'],
		explanation: 'Rehabilitation is the therapist’s role; the trainer continues the work after discharge.',
		suggestion: 'post-rehabilitation conditioning, reconditioning, continuing after physical therapy'
	},
	{
		id: 'therapeutic-exercise',
		category: 'scope',
		phrases: ['therapeutic exercise', 'therapeutic exercises', 'exercise therapy'],
		explanation: 'These are clinical service names that providers use for their own care.',
		suggestion: 'exercise programme, supervised exercise'
	},
	{
		id: 'patient',
		category: 'scope',
		phrases: ['my patient', 'my patients', 'our patient', 'our patients'],
		explanation: 'A trainer works with clients; calling them patients sounds like clinical care.',
		suggestion: 'my client, our client'
	},
	{
		id: 'pain-relief',
		category: 'scope',
		phrases: ['pain relief', 'relieve pain', 'relieves pain', 'relieved pain', 'eliminate pain', 'eliminates pain', 'pain-free guaranteed'],
		explanation: 'Promising relief from pain is a therapeutic claim.',
		suggestion: 'the client reported pain of 3/10 on stairs, down from 6/10'
	},
	{
		id: 'manipulate',
		category: 'scope',
		phrases: ['manipulate', 'manipulation', 'spinal adjustment', 'adjust the spine', 'realign', 'realigned', 'realignment'],
		explanation: 'Manipulation and adjustment are chiropractic and medical procedures.',
		suggestion: 'mobility exercise, movement practice'
	},
	{
		id: 'detox',
		category: 'scope',
		phrases: ['detox', 'detoxify', 'detoxification', 'cleanse'],
		explanation: 'Detox claims are medical-sounding and unsupported; providers read them as a red flag.',
		suggestion: 'describe the actual habit: water intake, activity minutes, sleep'
	},
	{
		id: 'guarantee',
		category: 'scope',
		phrases: ['guarantee', 'guarantees', 'guaranteed'],
		explanation: 'Outcomes depend on the client’s health; a guarantee overpromises.',
		suggestion: 'aim, expect, based on the measures so far'
	},
	{
		id: 'toning',
		category: 'jargon',
		phrases: ['toning', 'toned', 'tone up', 'tone-up', 'firm up'],
		explanation: 'Providers skip appearance words; they look for strength and function.',
		suggestion: 'strength and muscular endurance, e.g. 30-second chair stand from 8 to 12'
	},
	{
		id: 'burn-calories',
		category: 'jargon',
		phrases: ['burn calories', 'burns calories', 'burning calories', 'calorie burn', 'burn fat', 'burns fat', 'fat burning', 'fat-burning', 'fat burner'],
		explanation: 'Calorie talk says little to a provider about health or function.',
		suggestion: 'minutes of moderate activity per week, 6-minute walk distance, waist circumference'
	},
	{
		id: 'reps-and-sets',
		category: 'jargon',
		phrases: ['reps and sets', 'sets and reps', 'sets and repetitions', 'repetitions and sets'],
		explanation: 'Volume is your business; the provider wants to know what the client can now do.',
		suggestion: 'the functional result: “rises from a chair 12 times in 30 seconds, up from 8”'
	},
	{
		id: 'workout',
		category: 'jargon',
		phrases: ['workout', 'workouts'],
		explanation: 'Gym slang; in a report it reads as casual.',
		suggestion: 'session, exercise session, programme'
	},
	{
		id: 'cardio',
		category: 'jargon',
		phrases: ['cardio'],
		explanation: 'Providers think in aerobic capacity and its measures.',
		suggestion: 'aerobic endurance, e.g. 6-minute walk distance'
	},
	{
		id: 'core',
		category: 'jargon',
		phrases: ['core strength', 'core work', 'core exercises', 'strengthen the core', 'strengthening the core', 'core strengthening'],
		explanation: '“Core” means different things to different people; name the ability.',
		suggestion: 'trunk stability, trunk control during (task)'
	},
	{
		id: 'in-shape',
		category: 'jargon',
		phrases: ['get in shape', 'getting in shape', 'in shape', 'out of shape'],
		explanation: 'Vague; providers want a measure.',
		suggestion: 'capacity for daily activities, e.g. walks 400 m without a rest'
	},
	{
		id: 'bulk-lean',
		category: 'jargon',
		phrases: ['bulk up', 'bulking', 'lean out', 'shred', 'shredded', 'beast mode', 'boot camp', 'bootcamp', 'muscle confusion'],
		explanation: 'Gym culture words undermine a clinical audience’s trust.',
		suggestion: 'name the goal in function: climb stairs, carry shopping, get up from the floor'
	},
	{
		id: 'boost-metabolism',
		category: 'jargon',
		phrases: ['boost metabolism', 'boost your metabolism', 'boosts metabolism', 'speed up metabolism', 'metabolism boost'],
		explanation: 'A marketing claim, not an outcome a provider can use.',
		suggestion: 'regular moderate activity; report minutes per week and the measures that changed'
	},
	{
		id: 'no-pain-no-gain',
		category: 'jargon',
		phrases: ['no pain no gain', 'no pain, no gain', 'push through the pain', 'push through pain'],
		explanation: 'Alarming to a provider managing a painful condition.',
		suggestion: 'work at an effort the client rates as moderate and report pain on the 0–10 scale'
	}
];
