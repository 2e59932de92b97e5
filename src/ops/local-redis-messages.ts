/** The one fatal line of each way a local Redis cannot be had (see local-redis.ts). */

const HOST = '127.0.0.1';

export function refusedMessage(port: number, reply: string): string {
  return (
    `a Redis answers on ${HOST}:${port} but refuses PING (${reply.split(' ')[0]}); ` +
    `REDIS_URL is unset: set it to that Redis with its password (redis://:password@${HOST}:${port}), ` +
    `or set LOCAL_REDIS_PORT to a free port for a private redis-server`
  );
}

export function squatterMessage(port: number, dir: string): string {
  return (
    `a Redis answers on ${HOST}:${port} that is not the bot's private one (it does not hold the ` +
    `password in ${dir}): another program, or another local user, may run it, and the bot will not ` +
    `keep its tokens and jobs there. REDIS_URL is unset: set it to that Redis to use it on purpose, ` +
    `or set LOCAL_REDIS_PORT to a free port for a private redis-server`
  );
}

export function notInstalledMessage(port: number): string {
  return (
    `Redis is needed: nothing answered on ${HOST}:${port} (REDIS_URL is unset) and redis-server ` +
    `is not installed to start a private one. Install it (Debian/Ubuntu: sudo apt-get install ` +
    `redis-server; macOS: brew install redis), or start one with Docker (docker run -d -p ` +
    `${HOST}:${port}:6379 redis:7.4-alpine), or run the bot with Docker Compose (docker compose ` +
    `up -d), or set REDIS_URL to a Redis you run`
  );
}
