// Loaded into the server process with `node --import` by startServer({ fakeClock: true }): the one
// fake the tests use, for time. Date.now moves forward when the test says so over the IPC channel;
// everything else in the server is the real thing. Only Date.now is shifted: the app reads time
// through it (sessions, links and consent all take a `() => Date.now()` clock).
const realNow = Date.now.bind(Date);
let offset = 0;
Date.now = () => realNow() + offset;

process.on('message', (message: unknown) => {
	if (typeof message !== 'object' || message === null || !('advanceClockMs' in message)) return;
	const by = Number(message.advanceClockMs);
	if (Number.isFinite(by) && by > 0) offset += by;
	process.send?.({ clockOffsetMs: offset });
});
// The channel alone must not keep the server running after it is told to stop.
process.channel?.unref();
