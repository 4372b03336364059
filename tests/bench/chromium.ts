// Debian's Chromium, launched as the end-to-end tests launch it (playwright.config.ts).
import { chromium, type Browser } from '@playwright/test';

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	});
}
