# syntax=docker/dockerfile:1.7-labs
# One image for every service of the support-path hub: the gateway, each subgraph and the one-shot key
# generator. Services run compiled JavaScript (`npm run build`: every workspace's src/ into dist/), as
# `npm start` runs them: `node <workspace>/dist/index.js`, no TypeScript loader. docker-compose.yml picks the
# service by overriding the command.

# Build stage: every dependency (the compiler is a development dependency), then the build, then the
# development dependencies removed again.
FROM node:22-bookworm-slim AS build

WORKDIR /app

# Dependencies first (a layer that changes only with the lock file): npm workspaces need the manifest of
# every workspace listed in package.json before `npm ci`. `--parents` keeps each manifest's folder, so a new
# subgraph's manifest is copied with no edit here (COPY --parents needs the labs syntax named on the first line).
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY gateway/package.json gateway/
COPY test/package.json test/
COPY --parents subgraphs/*/package.json ./
COPY witness/package.json witness/
RUN npm ci --no-audit --no-fund

# The whole repository (see .dockerignore: no node_modules, no dist/ built on the host, no local .data with its
# keys and database), compiled; then only the production dependencies are kept.
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund && npm cache clean --force

# The image: the repository with its compiled dist/ folders and production dependencies only.
FROM node:22-bookworm-slim

WORKDIR /app
COPY --from=build /app /app

# Mount points of the gateway's data (its embedded token issuer in local mode) and of the witness's own key
# and state; owned by the unprivileged user so that named volumes start out writable by it. Keys and passwords
# are not in the image: docker-compose.yml mounts them as secrets under /run/secrets.
RUN mkdir -p /data /witness && chown node:node /data /witness
USER node

ENV HOST=0.0.0.0
CMD ["node", "gateway/dist/index.js"]
