# syntax=docker/dockerfile:1
# Multi-stage build: compile with dev dependencies, ship only production dependencies and dist/.

# Node 24 (Krypton), the current LTS line; package.json engines and .ci/run say the same.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json prisma.config.ts ./
COPY scripts/build.mjs ./scripts/build.mjs
COPY prisma ./prisma
COPY src ./src
COPY web ./web
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma/migrations ./prisma/migrations
USER node
EXPOSE 3000
# Same entry point as `npm start`: validates config, applies migrations, serves on PORT.
# NODE_ENV=production: refuses to start without METRICS_TOKEN (exit 78).
CMD ["node", "--max-old-space-size=192", "dist/src/main.js"]
