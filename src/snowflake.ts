import { z } from 'zod';

/** A Discord id (a snowflake): digits only, so it is safe in a key, a path or a mention. */
const SNOWFLAKE = /^\d{15,25}$/;

export const snowflake = z.string().regex(SNOWFLAKE, { message: 'must be a Discord id (digits)' });
