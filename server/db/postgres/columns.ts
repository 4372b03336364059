import { customType } from 'drizzle-orm/pg-core';

/** Binary data as SQLite's blob columns hold it: a Buffer in and out (node-postgres reads bytea as one). */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
	dataType: () => 'bytea'
});
