# The Policy Ledger API (used by docker-compose.yml) on Node.js 24 LTS, the version CI runs the
# suite on besides the machine's own (.ci/run). Pinned to an exact release; bump it with
# NODE_LTS in .ci/run (a test keeps the two the same).
ARG NODE_VERSION=24.22.3

FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
# better-sqlite3 builds from source when no prebuilt binary matches; node:24 (not -slim) has the toolchain.
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:${NODE_VERSION}-bookworm-slim
WORKDIR /app
# HOST: listen on every interface of the container (the API's own default is loopback only
# when it makes a local secret). DATA_DIR: the data volume, the only place the API writes.
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/app/data
# The code belongs to root and is read-only to the API, which runs as the image's unprivileged `node` user.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/policies ./policies
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=6 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health/live`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-semi-space-size=2", "dist/apps/api/src/main.js"]
