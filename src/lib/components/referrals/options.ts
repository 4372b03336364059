import {
	loggableKinds,
	providerRoles,
	reportPreferenceLabels,
	reportPreferences,
	roleLabels,
	stageLabels,
	stages,
	touchpointKinds,
	touchpointLabels
} from '$lib/shared/referrals/vocabulary.ts';

// The vocabulary as select options, in one place for every referral form.
export const roleOptions = providerRoles.map((value) => ({ value, label: roleLabels[value] }));
export const stageOptions = stages.map((value) => ({ value, label: stageLabels[value] }));
export const reportOptions = [{ value: '', label: 'Not known yet' }, ...reportPreferences.map((value) => ({ value, label: reportPreferenceLabels[value] }))];
export const loggableOptions = loggableKinds.map((value) => ({ value, label: touchpointLabels[value] }));
export const nextKindOptions = touchpointKinds
	.filter((k) => k !== 'referral_received' && k !== 'provider_reply')
	.map((value) => ({ value, label: touchpointLabels[value] }));
