/** Someone else with this document open, as their awareness state names them. */
export interface Person {
	name: string;
	color: string;
}

/**
 * The other people in a document, from the awareness states: one entry per person however many
 * tabs they have open, by name. States without a user (a provider's reader, which the server drops
 * anyway, or a client still connecting) are not people yet.
 */
export function othersIn(states: ReadonlyMap<number, Record<string, unknown>>, ownClientId: number): Person[] {
	const people = new Map<string, Person>();
	for (const [clientId, state] of states) {
		if (clientId === ownClientId) continue;
		const user = state.user as Partial<Person> | undefined;
		if (typeof user?.name !== 'string' || user.name.trim() === '' || typeof user.color !== 'string') continue;
		const key = `${user.name}\u0000${user.color}`;
		if (!people.has(key)) people.set(key, { name: user.name.slice(0, 100), color: user.color });
	}
	return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** What changed between two lists of people, as one sentence for a screen reader, or '' if nothing. */
export function presenceChange(before: readonly Person[], after: readonly Person[]): string {
	const names = (people: readonly Person[]) => new Set(people.map((person) => person.name));
	const was = names(before);
	const is = names(after);
	const joined = [...is].filter((name) => !was.has(name));
	const left = [...was].filter((name) => !is.has(name));
	const list = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
	return [joined.length ? `${list(joined)} joined.` : '', left.length ? `${list(left)} left.` : ''].filter(Boolean).join(' ');
}
