# The Policy Ledger API (used by docker-compose.yml). Node 20 as in .nvmrc.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
# better-sqlite3 builds from source when no prebuilt binary matches; node:20 (not -slim) has the toolchain.
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/policies ./policies
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
