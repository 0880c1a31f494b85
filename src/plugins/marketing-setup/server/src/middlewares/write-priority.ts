import type { Context } from 'koa';
import { writeStarted, writeEnded } from '../utils/pacing';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Server middleware: counts the write requests (any route, any content type) this process is serving, so the
 * duplicate worker gives way to them (utils/pacing.ts). A company update of 1,000 persons met the worker's
 * scoring and its row locks when both ran at once.
 */
export const writePriority = async (ctx: Context, next: () => Promise<unknown>) => {
  if (READS.has(ctx.method)) return next();
  writeStarted();
  try {
    return await next();
  } finally {
    writeEnded();
  }
};
