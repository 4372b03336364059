# Bridgework as one container: `docker build -t bridgework .` then
#   docker run -p 3000:3000 -v bridgework-data:/data bridgework
# SQLite lives in the /data volume; set DATABASE_URL (and REDIS_URL for several instances) to run
# on PostgreSQL instead (compose.yaml). The README's "Running in production" lists the settings.

# Build stage: everything `vite build` needs, dev dependencies included.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: the `node` package would download a second Node the image already has, and
# the native modules Bridgework uses ship prebuilt binaries.
RUN npm ci --ignore-scripts
COPY svelte.config.js vite.config.ts tsconfig.json ./
COPY src src
COPY static static
COPY server server
RUN npx svelte-kit sync && npx vite build

# Runtime stage: production dependencies only, the built app, and the sources the Node entry
# point runs directly (server/, and the src/lib modules it shares with the app).
FROM node:24-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/build build
COPY server server
COPY src/lib src/lib
COPY drizzle drizzle
# The image's own `node` user (uid 1000) owns the data folder and nothing else.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# node:24-slim has neither curl nor wget; Node has fetch. /readyz: database reachable, migrations applied.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node directly, not npm: SIGTERM reaches the server, which stores open documents before it exits.
CMD ["node", "server/index.ts"]
