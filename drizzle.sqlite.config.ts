import { defineConfig } from 'drizzle-kit';

/** SQLite migrations, from the one table description. `npm run db:generate` runs both dialects. */
export default defineConfig({
	schema: './src/lib/server/db/schema.ts',
	out: './drizzle/sqlite',
	dialect: 'sqlite'
});
