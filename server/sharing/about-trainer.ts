import { escapeHtml } from '../mail/messages/layout.ts';
import { credentialLine, type TrainerProfile } from '../practice/profile.ts';

/**
 * The share page's "About the trainer", below the report: the trainer's name, what they achieve,
 * then their credentials (outcomes before certifications, as the seeds advise). Rendered here as
 * escaped HTML that the page inserts as it is, so the provider's page carries no code for it and
 * hydration adopts it untouched. Null when the profile has neither outcomes nor credentials: a
 * name alone says nothing the page's header does not.
 */
export function aboutTrainerHTML(trainerName: string, practice: string, profile: TrainerProfile): string | null {
	const credentials = profile.credentials.map(credentialLine);
	if (!profile.outcomesStatement && credentials.length === 0) return null;
	const who = practice === trainerName ? escapeHtml(trainerName) : `${escapeHtml(trainerName)}, ${escapeHtml(practice)}`;
	return (
		'<section class="about-trainer" aria-labelledby="about-trainer-heading">' +
		'<h2 id="about-trainer-heading">About the trainer</h2>' +
		`<p class="about-trainer-name"><strong>${who}</strong></p>` +
		(profile.outcomesStatement ? `<p>${escapeHtml(profile.outcomesStatement)}</p>` : '') +
		(credentials.length > 0
			? `<h3 id="about-trainer-credentials">Credentials</h3><ul class="plain-list" aria-labelledby="about-trainer-credentials">${credentials.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`
			: '') +
		'</section>'
	);
}
