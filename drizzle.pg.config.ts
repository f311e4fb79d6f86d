import { defineConfig } from 'drizzle-kit';

/** PostgreSQL migrations, from the tables schema-pg.ts makes out of schema.ts. */
export default defineConfig({
	schema: './src/lib/server/db/schema-pg.ts',
	out: './drizzle/pg',
	dialect: 'postgresql'
});
