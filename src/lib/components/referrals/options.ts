import {
	loggableKinds,
	providerRoles,
	reportPreferenceLabels,
	reportPreferences,
	roleLabels,
	stageLabels,
	stages,
	touchpointLabels
} from '$lib/shared/referrals/vocabulary.ts';

// The vocabulary as select options, in one place for every referral form.
export const roleOptions = providerRoles.map((value) => ({ value, label: roleLabels[value] }));
export const stageOptions = stages.map((value) => ({ value, label: stageLabels[value] }));
export const reportOptions = [{ value: '', label: 'Not known yet' }, ...reportPreferences.map((value) => ({ value, label: reportPreferenceLabels[value] }))];
export const loggableOptions = loggableKinds.map((value) => ({ value, label: touchpointLabels[value] }));
/** A next step is something the trainer does: the kinds recorded elsewhere are not planned here. */
export const nextKindOptions = loggableOptions;
