# One image for every deployable: the orchestrator and each participant differ only in the command
# that docker-compose.yml gives each service (generated from the system description). Node 24 runs
# the TypeScript sources directly (type stripping), so there is no build step; the dev dependencies
# are installed as well (--prod=false) because the workspace packages are consumed as .ts sources.
FROM node:24-slim

ENV CI=true \
    PUPPETEER_SKIP_DOWNLOAD=1 \
    PNPM_HOME=/pnpm \
    PATH=/pnpm:$PATH

RUN npm install -g --no-audit --no-fund pnpm@10.34.8 && pnpm --version

WORKDIR /app

# Dependencies first, from the lockfile alone, so that source edits keep this layer cached.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch

COPY . .
RUN pnpm install --frozen-lockfile --offline --prod=false

ENV NODE_ENV=production
USER node
EXPOSE 3000
CMD ["node", "order-fulfilment/orchestrator/src/main.ts"]
