/**
 * The IMAP side of e-mail logging, through imapflow: the settings (setup record + the password from the
 * server environment), a connection with short timeouts, the connection test (missing folders reported with
 * the nearest existing one; created only when asked) and the queue's messages by UID. Errors carry the text a
 * person reads (describeImapError).
 */
import type { Core } from '@strapi/strapi';
import { ImapFlow, type FetchMessageObject } from 'imapflow';
import {
  describeImapError,
  imapSettingsOf,
  connectionSettingsProblem,
  creatableFolders,
  missingFolders,
  missingFoldersMessage,
  type ImapSettings,
  type MailboxFolder,
  type MissingFolder,
} from '../domain/email-logging';
import { readEmailSetup } from '../repositories/email-logging';

export type { ImapSettings };

/** The environment variable the password is read from (plugin config `imapPassword` wins, for tests and secrets managers). */
export const PASSWORD_ENV = 'MARKETING_SETUP_IMAP_PASSWORD';

export const imapPassword = (strapi: Core.Strapi): string =>
  String(strapi.config.get('plugin::marketing-setup.imapPassword') || process.env[PASSWORD_ENV] || '');

/** A failure already worded for a person; `connection` = the server could not be reached or refused us. */
export class EmailLoggingError extends Error {
  constructor(
    message: string,
    readonly connection = false,
  ) {
    super(message);
  }
}

/** The saved settings, with `overrides` (e.g. the unsaved form of the settings page) on top. */
export async function imapSettings(
  strapi: Core.Strapi,
  overrides: Parameters<typeof imapSettingsOf>[2] = {},
): Promise<ImapSettings> {
  return imapSettingsOf(await readEmailSetup(strapi), imapPassword(strapi), overrides);
}

/** What imapflow and node put on a failure (describeImapError reads these). */
type ImapFailure = Parameters<typeof describeImapError>[0];

export const where = (s: ImapSettings) => `${s.host}:${s.port}`;

/** A logged-in client; any failure → EmailLoggingError with the reason in words. */
export async function connect(s: ImapSettings): Promise<ImapFlow> {
  const problem = connectionSettingsProblem(s);
  if (problem) throw new EmailLoggingError(problem);
  const client = new ImapFlow({
    host: s.host,
    port: s.port,
    secure: s.tls,
    auth: { user: s.user, pass: s.password },
    logger: false,
    connectionTimeout: 10000,
    greetingTimeout: 10000,
    socketTimeout: 60000,
    // A plain (non-TLS) setting means plain: no opportunistic STARTTLS the server may not finish.
    ...(s.tls ? {} : { doSTARTTLS: false }),
  });
  // A socket error after connect must not become an unhandled 'error' event (it would end the process).
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    client.close();
    throw new EmailLoggingError(describeImapError(err as ImapFailure, where(s)), true);
  }
  return client;
}

export async function disconnect(client: ImapFlow) {
  try {
    await client.logout();
  } catch {
    client.close();
  }
}

/** Creates the folders given; returns their names. */
async function createFolders(client: ImapFlow, missing: readonly MissingFolder[]): Promise<string[]> {
  for (const m of missing) await client.mailboxCreate(m.folder);
  return missing.map((m) => m.folder);
}

/** The mailbox's folders as the server lists them. */
async function listFolders(client: ImapFlow): Promise<MailboxFolder[]> {
  return (await client.list()).map((f) => ({ path: f.path, delimiter: f.delimiter }));
}

export interface ConnectionReport {
  ok: true;
  server: string;
  folders: string[];
  created: string[];
  queueMessages: number;
  storageMessages: number;
}

/** A queue or storage folder is missing (and was not to be created): the reason in words, with the folder likely meant. */
export interface MissingFoldersReport {
  ok: false;
  server: string;
  error: string;
  missing: MissingFolder[];
  folders: string[];
  /** With `createMissing`: the missing folders it created (those without a suggestion). */
  created?: string[];
}

/**
 * The Test connection button: log in, look for the queue and storage folders, count their messages. A folder
 * that is not there is reported (with the nearest existing one), not created — unless `createMissing`, the
 * admin's explicit "Create missing folders".
 */
export async function testConnection(
  s: ImapSettings,
  { createMissing = false }: { createMissing?: boolean } = {},
): Promise<ConnectionReport | MissingFoldersReport> {
  const client = await connect(s);
  try {
    const existing = await listFolders(client);
    const folders = existing.map((f) => f.path);
    const all = missingFolders(s, existing);
    // Only the folders without a likely meant one are created; a typo is never made a new, empty folder.
    const created = createMissing ? await createFolders(client, creatableFolders(all)) : [];
    const missing = all.filter((m) => !created.includes(m.folder));
    if (missing.length)
      return {
        ok: false,
        server: where(s),
        error: missingFoldersMessage(missing, where(s))!,
        missing,
        folders: [...folders, ...created].sort(),
        ...(createMissing ? { created } : {}),
      };
    const count = async (path: string) =>
      Number(((await client.status(path, { messages: true })) || { messages: 0 }).messages ?? 0);
    return {
      ok: true,
      server: where(s),
      folders: [...folders, ...created].sort(),
      created,
      queueMessages: await count(s.queueFolder),
      storageMessages: await count(s.storageFolder),
    };
  } catch (err) {
    throw new EmailLoggingError(describeImapError(err as ImapFailure, where(s)), true);
  } finally {
    await disconnect(client);
  }
}

/**
 * An open queue folder: its UIDs (oldest first), their sources a chunk at a time, and the move of
 * handled messages to the storage folder. The storage folder is created if it went missing; a missing queue
 * folder is an error that names it (and the folder it was likely meant to be), not a new empty folder.
 */
export async function openQueue(s: ImapSettings) {
  const client = await connect(s);
  let lock: { release(): void } | null = null;
  let queueMissing: MissingFolder[] = [];
  try {
    const missing = missingFolders(s, await listFolders(client));
    // The storage folder is the plugin's own: created again if it went missing. The queue folder is where the
    // mail server delivers: a missing one is a typo or a changed rule, and a new empty folder would hide that.
    queueMissing = missing.filter((m) => m.role === 'queue');
    if (!queueMissing.length) {
      await createFolders(client, missing);
      lock = await client.getMailboxLock(s.queueFolder);
    }
  } catch (err) {
    lock?.release();
    await disconnect(client);
    throw new EmailLoggingError(describeImapError(err as ImapFailure, where(s)), true);
  }
  if (queueMissing.length) {
    await disconnect(client);
    throw new EmailLoggingError(missingFoldersMessage(queueMissing, where(s))!, true);
  }
  const wrap = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw new EmailLoggingError(describeImapError(err as ImapFailure, where(s)), true);
    }
  };
  return {
    uids: () => wrap(async () => ((await client.search({ all: true }, { uid: true })) || []).sort((a, b) => a - b)),
    fetch: (uids: number[]): Promise<FetchMessageObject[]> =>
      wrap(() => client.fetchAll(uids.join(','), { uid: true, source: true }, { uid: true })),
    move: (uids: number[]) =>
      wrap(async () => {
        if (uids.length) await client.messageMove(uids.join(','), s.storageFolder, { uid: true });
      }),
    close: async () => {
      lock?.release();
      await disconnect(client);
    },
  };
}
export type Queue = Awaited<ReturnType<typeof openQueue>>;
