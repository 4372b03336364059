/** The summary's first line when fields are refused: that nothing was stored, and how many to check. */
export function errorSummary(errors: Record<string, string>): string {
	const count = Object.keys(errors).length;
	return count === 1 ? 'Nothing was saved: check the field marked below.' : `Nothing was saved: check the ${count} fields marked below.`;
}
