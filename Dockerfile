# imgpile-bot: one image for every role (bot, worker, all). Builds with the plain builder and
# with BuildKit alike, and fetches no image but the Node base (no `# syntax=` line).
# .ci/run reads NODE_VERSION below and runs the test suite on that Node line as well.
ARG NODE_VERSION=24

# ---- dependencies: from the lockfile alone, so a source change reuses them -----------------
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ---- production dependencies: the same install without the dev ones (no second download) ---
FROM deps AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund

# ---- build: compile TypeScript ------------------------------------------------------------
FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY scripts ./scripts
RUN npm run build

# ---- runtime ------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim
# HEALTH_PORT: /healthz and /metrics on 8080 (set it empty to turn health off), on every address
# of the container (HEALTH_HOST; outside the image it defaults to loopback).
# SHUTDOWN_GRACE_MS is left at the app's default (8 s), inside the 10 s that `docker stop` waits
# before it kills: a plain `docker stop` lets uploads finish or hands them back, never kills one.
ENV NODE_ENV=production \
    HEALTH_PORT=8080 \
    HEALTH_HOST=0.0.0.0
WORKDIR /app
COPY --from=prod-deps --chown=node:node /app/package.json ./
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
USER node
EXPOSE 8080
# Probes the health server where the app listens: HEALTH_HOST, or loopback when that is a
# wildcard (0.0.0.0, ::). With HEALTH_PORT empty, health is off and there is nothing to probe: the
# check passes, so such a container is never marked unhealthy (or restarted) for it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const port = (process.env.HEALTH_PORT ?? '').trim(); if (!port) process.exit(0); let host = (process.env.HEALTH_HOST ?? '').trim(); if (['', '0.0.0.0', '::', '[::]'].includes(host)) host = '127.0.0.1'; if (host.includes(':') && !host.startsWith('[')) host = `[${host}]`; fetch(`http://${host}:${port}/healthz`, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1));"]
# Exec form: node is PID 1 and receives SIGTERM itself. The flags are the `start` script's
# (see docs/architecture.md, "How a file travels").
ENTRYPOINT ["node", "--enable-source-maps", "--max-semi-space-size=1", "--no-concurrent-array-buffer-sweeping", "--no-wasm-tier-up", "--no-wasm-dynamic-tiering", "dist/src/main.js"]
CMD ["all"]
