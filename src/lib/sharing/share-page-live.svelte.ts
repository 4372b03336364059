// The provider's share page runs without SvelteKit's client (csr = false in its +page.server.ts):
// it reads, prints and answers as plain HTML. This is its one script, loaded after the first paint
// by the inline loader (live-loader.js) and built as its own entry of the client build
// (vite.config.ts). It adds what needs a script: the live view (the document's Y.Doc over /collab,
// read-only), the outcome charts, the answer's character counter and the Print button. The page's
// markup is the server's; this only updates it in place.
import { mount } from 'svelte';
import OutcomeReport from '$lib/components/OutcomeReport.svelte';
import { formatDateTime, type FormatContext } from '$lib/shared/format.ts';
import type { ClientFacts } from '$lib/shared/measures/analysis.ts';
import type { Sex } from '$lib/shared/measures/catalogue.ts';
import type { CustomMeasure, Measurement } from '$lib/shared/measures/types.ts';
import { LiveReport, type LiveState } from './live-report.svelte.ts';
import { replyCount } from './reply-count.ts';

/** The live report's side of the page: what to follow and how to say it. */
export interface LivePageInfo {
	collabName: string;
	token: string;
	trainerName: string;
	/** When the report last changed, as the server wrote it ("Report as of …"). */
	asOf: string;
}

/** What the server render tells this script, as JSON in the loader's data-page (the share pages' +page.svelte). */
export interface SharePageInfo {
	format: FormatContext;
	dateOfBirth: string | null;
	/** The live report (/s/<token>); absent on a sent version, which never changes. */
	live?: LivePageInfo;
	/** A sent version's measures, charted at once (the live report charts what the live view reads). */
	outcomes?: { measurements: Measurement[]; customs: CustomMeasure[]; sex: Sex | undefined } | null;
}

const loader = document.querySelector<HTMLScriptElement>('script[data-page]');
if (loader?.dataset.page) start(JSON.parse(loader.dataset.page) as SharePageInfo);

function start(info: SharePageInfo): void {
	enablePrint();
	countCharacters();
	const outcomes = document.querySelector<HTMLElement>('[data-outcomes]');
	if (info.live) followLive(info, info.live, outcomes);
	else if (info.outcomes && outcomes) {
		const { measurements, customs, sex } = info.outcomes;
		chartOutcomes(outcomes, { measurements, customs, facts: { dateOfBirth: info.dateOfBirth, sex }, format: info.format });
	}
}

/** The server's tables give way to the same report with its charts, which need a script. */
function chartOutcomes(target: HTMLElement, props: { measurements: Measurement[]; customs: CustomMeasure[]; facts: ClientFacts; format: FormatContext }): void {
	target.replaceChildren();
	mount(OutcomeReport, { target, props });
}

/** The Print button stays hidden until there is a script to press it with. */
function enablePrint(): void {
	for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-print]')) {
		button.addEventListener('click', () => window.print());
		button.hidden = false;
	}
}

/** The answer's counter follows the typing; without this script the server's count stands until the next post. */
function countCharacters(): void {
	const field = document.querySelector<HTMLTextAreaElement>('#reply-body');
	const count = document.querySelector<HTMLElement>('#reply-body-count');
	if (!field || !count) return;
	// A refusal the server rendered (aria-invalid from it) stays marked whatever the length.
	const refused = field.getAttribute('aria-invalid') === 'true' && !replyCount(field.value.length).over;
	const update = () => {
		const { text, over } = replyCount(field.value.length);
		count.textContent = text;
		count.classList.toggle('field-error', over);
		if (over || refused) field.setAttribute('aria-invalid', 'true');
		else field.removeAttribute('aria-invalid');
	};
	field.addEventListener('input', update);
	// What was typed before this script arrived counts too.
	update();
}

function statusLine(state: LiveState, updatedAt: string): Node[] {
	if (state === 'live') {
		const dot = document.createElement('span');
		dot.className = 'dot';
		dot.setAttribute('aria-hidden', 'true');
		return [dot, document.createTextNode('Live: changes appear as they are made')];
	}
	return [document.createTextNode(state === 'offline' ? 'Reconnecting…' : `Report as of ${updatedAt}`)];
}

/** The page that stands in for the report while the link is being decided again, or after it ended. */
function missingPage(state: 'revoked' | 'checking', trainerName: string): HTMLElement {
	const main = document.createElement('main');
	main.className = 'share-missing';
	const heading = document.createElement('h1');
	const text = document.createElement('p');
	if (state === 'revoked') {
		heading.textContent = 'This link is no longer valid';
		text.textContent = `The report was withdrawn. Ask ${trainerName} for a new link if you still need it.`;
	} else {
		heading.textContent = 'Checking this link…';
		text.setAttribute('role', 'status');
		text.textContent = 'What this link may show changed a moment ago. The report is hidden until it is confirmed.';
	}
	main.append(heading, text);
	return main;
}

function followLive(info: SharePageInfo, page: LivePageInfo, outcomes: HTMLElement | null): void {
	const sheet = document.querySelector<HTMLElement>('.report-page');
	const body = sheet?.querySelector<HTMLElement>('.report-body');
	const meta = sheet?.querySelector<HTMLElement>('.report-meta');
	const status = sheet?.querySelector<HTMLElement>('.live-state');
	if (!sheet || !body || !meta || !status) return;
	const live = new LiveReport(page.collabName, page.token);
	const facts: ClientFacts = { dateOfBirth: info.dateOfBirth, sex: undefined };
	const outcomeProps = $state({ measurements: live.measures?.measurements ?? [], customs: live.measures?.customs ?? [], facts, format: info.format });
	let outcomesMounted = false;
	let missing: HTMLElement | null = null;
	let shownHTML: string | null = null;

	$effect.root(() => {
		$effect(() => {
			const state = live.state;
			if (state === 'revoked' || state === 'checking') {
				// Off the page, not just out of sight: while the link is decided again, the report
				// waits here in memory; once it has ended, nothing of it stays.
				const stand = missingPage(state, page.trainerName);
				(missing ?? sheet).replaceWith(stand);
				missing = stand;
				if (state === 'revoked') {
					body.replaceChildren();
					outcomes?.replaceChildren();
				}
			} else if (missing) {
				missing.replaceWith(sheet);
				missing = null;
			}
			// For whatever drives the page (the benchmark, the tests): the live view's state, 'live' once in step.
			document.documentElement.dataset.liveState = state;
		});
		$effect(() => {
			if (live.updatedAt === null) return;
			meta.textContent = `${page.trainerName} · Live report · last updated ${formatDateTime(live.updatedAt, info.format, { date: 'long' })}`;
		});
		$effect(() => {
			const state = live.state;
			if (state === 'revoked' || state === 'checking') return;
			// "Report as of" keeps the server's date until the first live change.
			const asOf = live.updatedAt ? formatDateTime(live.updatedAt, info.format, { date: 'long' }) : page.asOf;
			status.replaceChildren(...statusLine(state, asOf));
		});
		$effect(() => {
			const html = live.html;
			// Produced by the document schema's serialiser from the Y.Doc (escaped text only), as the server's first paint was.
			if (html !== null && html !== shownHTML) body.innerHTML = html;
			if (html !== null) shownHTML = html;
		});
		$effect(() => {
			const measures = live.measures;
			if (!measures || !outcomes) return;
			outcomeProps.measurements = measures.measurements;
			outcomeProps.customs = measures.customs;
			outcomeProps.facts = { dateOfBirth: info.dateOfBirth, sex: measures.sex };
			if (outcomesMounted) return;
			chartOutcomes(outcomes, outcomeProps);
			outcomesMounted = true;
		});
	});
}
