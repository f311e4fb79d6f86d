# Hubplan app server image: the production build served by src/serve.js, plus the `hubplan` CLI
# and the PostgreSQL 15 client tools it uses for backups (pg_dump, pg_restore). See docs/deploy.md.

# Build stage: the full node:20 image has python3, make and g++ for better-sqlite3's native build.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
# `npm install` with the committed lockfile, not `npm ci`: the registry these machines reach lacks some of rollup's platform packages, so `npm ci` rejects the lockfile.
RUN npm install --no-audit --no-fund
COPY . .
# A basemap style URL is read when the app is built (README, Configuration); empty means none.
ARG PUBLIC_HUBPLAN_BASEMAP_STYLE=
RUN npx vite build && npm prune --omit=dev --no-audit --no-fund

# Run stage: Node 20 and the PostgreSQL 15 client (pg_dump must be at least the server's major version).
FROM node:20-bookworm-slim
RUN apt-get update \
	&& apt-get install -y --no-install-recommends postgresql-client-15 \
	&& rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The server reads drizzle/ (migrations) and data/ (the Trafford pack) relative to this folder;
# the CLI runs the TypeScript in src/ through tsx.
COPY --from=build --chown=node:node /app /app
USER node
ENV NODE_ENV=production \
	PORT=3000 \
	HOST=0.0.0.0
EXPOSE 3000
CMD ["node", "src/serve.js"]
