// A Lunch & Learn presented as presenters expect it, in Chromium against the built app: the
// presenter's window (slide, next slide, notes, clock) and the audience's window (the slide alone)
// on two screens, kept on the same slide whichever window the keys or the clicker go to.
import type { Locator, Page } from '@playwright/test';
import { caretToEnd, editorOf, expect, hydrated, SCREENS, testAsTrainer as test, UUID, visit } from './fixtures.ts';
import { expectNoAxeViolations } from './axe.ts';

const TITLE = 'Moving after discharge';
const counter = (presenter: Page): Locator => presenter.getByRole('status').filter({ hasText: /^Slide \d+ of \d+/ });
const currentSlide = (presenter: Page): Locator => presenter.getByRole('region', { name: /^Current slide/ });
const audienceSlide = (audience: Page): Locator => audience.getByRole('region', { name: `Audience view: ${TITLE}` });

/** Both windows show slide `number`, headed `heading`. */
async function inStep(presenter: Page, audience: Page, number: number, heading: string): Promise<void> {
	await expect(counter(presenter)).toHaveText(`Slide ${number} of 8: ${heading}`);
	await expect(currentSlide(presenter).getByRole('heading', { name: heading })).toBeVisible();
	await expect(audienceSlide(audience).getByRole('heading', { name: heading })).toBeVisible();
}

test('the presenter and the audience windows stay on the same slide, driven from either', async ({ page, context }) => {
	await page.setViewportSize({ width: 1280, height: 720 });
	// A talk is the practice's own, not a client's: it is made in the Documents area.
	await visit(page, '/documents');
	await page.getByLabel('Kind').selectOption({ label: 'Lunch & Learn presentation' });
	await page.getByLabel('Title').fill(TITLE);
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page).toHaveURL(new RegExp(`/documents/${UUID}$`));
	const documentUrl = page.url();
	await page.getByRole('link', { name: 'Present' }).click();
	await expect(page).toHaveURL(`${documentUrl}/present`);
	await hydrated(page);
	const presenter = page;

	// The presenter's window: this slide, the next, the notes, a clock.
	await expect(counter(presenter)).toHaveText('Slide 1 of 8: Keeping your patients moving after discharge');
	await expect(presenter.getByRole('region', { name: 'Next slide' }).getByRole('heading', { name: 'Welcome (2 minutes)' })).toBeVisible();
	await expect(presenter.getByRole('region', { name: 'Speaker notes' })).toContainText('Thank the host');
	await presenter.getByRole('button', { name: 'Pause timer' }).click();
	await expect(presenter.getByText(/^Elapsed \d+:\d\d \(paused\)$/)).toBeVisible();
	await presenter.getByRole('button', { name: 'Reset timer' }).click();
	await expect(presenter.getByText('Elapsed 0:00 (paused)')).toBeVisible();
	await presenter.getByRole('button', { name: 'Resume timer' }).click();
	await expect(presenter.getByRole('button', { name: 'Pause timer' })).toBeVisible();
	await expectNoAxeViolations(presenter, 'presenter window');

	// The audience's window: the slide alone, no notes, no workspace around it.
	const [audience] = await Promise.all([context.waitForEvent('page'), presenter.getByRole('button', { name: 'Open audience window' }).click()]);
	await hydrated(audience);
	await expect(audienceSlide(audience).getByRole('heading', { name: 'Keeping your patients moving after discharge' })).toBeVisible();
	await expect(audience.getByText('Thank the host')).toHaveCount(0);
	await expect(audience.getByRole('navigation')).toHaveCount(0);
	await expect(audience.getByRole('button', { name: 'Full screen (F)' })).toBeVisible();
	await expectNoAxeViolations(audience, 'audience window');

	// A clicker sends Page Down and Page Up, to whichever window has the focus.
	await presenter.keyboard.press('PageDown');
	await inStep(presenter, audience, 2, 'Welcome (2 minutes)');
	await audience.keyboard.press('ArrowRight');
	await audience.keyboard.press('Space');
	await inStep(presenter, audience, 4, 'What medical exercise is, and is not (4 minutes)');
	await expect(presenter.getByRole('region', { name: 'Speaker notes' })).toContainText('does not diagnose or treat');
	await audience.keyboard.press('PageUp');
	await inStep(presenter, audience, 3, 'The gap after discharge (4 minutes)');
	await presenter.keyboard.press('ArrowDown');
	await presenter.keyboard.press('Enter');
	await inStep(presenter, audience, 5, 'How we measure progress (5 minutes)');
	await presenter.keyboard.press('Backspace');
	await inStep(presenter, audience, 4, 'What medical exercise is, and is not (4 minutes)');
	// An audience window opened again without a slide in its address asks the presenter's where the talk is.
	await audience.goto(audience.url().replace(/#.*$/, ''));
	await hydrated(audience);
	await inStep(presenter, audience, 4, 'What medical exercise is, and is not (4 minutes)');

	// "b" blanks the room's screen from either window; "." as some clickers send brings it back.
	await audience.keyboard.press('b');
	await expect(audience.getByRole('region', { name: 'Blank screen' })).toBeVisible();
	await expect(audienceSlide(audience).getByRole('heading')).toHaveCount(0);
	await expect(presenter.getByText('Audience screen is blank')).toBeVisible();
	await expect(presenter.getByRole('button', { name: 'Blank audience screen (B)' })).toHaveAttribute('aria-pressed', 'true');
	await expectNoAxeViolations(presenter, 'presenter window, audience blanked');
	await presenter.keyboard.press('.');
	await inStep(presenter, audience, 4, 'What medical exercise is, and is not (4 minutes)');
	await expect(presenter.getByText('Audience screen is blank')).toHaveCount(0);

	await presenter.keyboard.press('End');
	await inStep(presenter, audience, 8, 'Questions (3 to 5 minutes)');
	await expect(presenter.getByRole('button', { name: 'Next →' })).toBeDisabled();
	await expect(presenter.getByRole('region', { name: 'Next slide' })).toContainText('End of the talk.');

	// Both windows read the live document: an edit made in the editor shows on the slide at once.
	const editor = await context.newPage();
	await visit(editor, documentUrl);
	await caretToEnd(editor, editorOf(editor, TITLE));
	await editor.keyboard.type('Slides at bridgework.example.');
	await expect(audienceSlide(audience)).toContainText('Slides at bridgework.example.');
	await expect(currentSlide(presenter)).toContainText('Slides at bridgework.example.');
	await editor.close();
	await presenter.screenshot({ path: `${SCREENS}/presenter.png` });
	await audience.screenshot({ path: `${SCREENS}/audience.png` });

	await audience.keyboard.press('Home');
	await inStep(presenter, audience, 1, 'Keeping your patients moving after discharge');
	await presenter.getByRole('button', { name: 'Next →' }).click();
	await inStep(presenter, audience, 2, 'Welcome (2 minutes)');

	// The leave-behind, from the presenter's window (its pages are read back in tests/integration/handout.test.ts).
	const [download] = await Promise.all([presenter.waitForEvent('download'), presenter.getByRole('link', { name: 'Handout (PDF)' }).click()]);
	expect(download.suggestedFilename()).toBe(`${TITLE} - handout.pdf`);
});
