import type { Answers } from '../engine/questions.ts';
import type { Recommendation } from '../engine/types.ts';

/**
 * What the app remembers, and the narrow interface through which the listeners, the playground and the
 * `decisions` command reach it. The engine knows nothing of it; the database (SQLite or PostgreSQL, through
 * Kysely) stays behind `openStore` (src/store/index.ts).
 */

/** A decision's lifecycle, as architecture decision records have it (MADR, adr-tools, log4brains). */
export type DecisionStatus = 'proposed' | 'accepted' | 'superseded';

/** The workspace a record belongs to. Numbers are counted per workspace (team id). */
export interface Workspace {
  readonly teamId: string;
  /** Set on Enterprise Grid. */
  readonly enterpriseId?: string;
}

/** A message the app posted: the conversation, the ts, and its permalink when Slack gave one. */
export interface PostedMessage {
  readonly channelId: string;
  readonly messageTs: string;
  readonly permalink?: string;
}

/** A decision as stored. Dates are `Date`s in UTC. */
export interface DecisionRecord extends Workspace {
  /** Per workspace, from 1: "Decision #7". */
  readonly number: number;
  /** The conversation the verdict was asked for (where it is posted). */
  readonly channelId: string;
  /** Set once the verdict message is posted there. */
  readonly message?: PostedMessage;
  /** Who asked (a Slack user id). */
  readonly requesterId: string;
  readonly answers: Answers;
  /** The recommendation as it was shown: a later engine does not rewrite history. */
  readonly recommendation: Recommendation;
  /** ENGINE_VERSION of the engine that made it. */
  readonly engineVersion: string;
  readonly status: DecisionStatus;
  readonly acceptedBy?: string;
  readonly acceptedAt?: Date;
  /** The number of the decision this one supersedes. */
  readonly supersedes?: number;
  /** The number of the decision that superseded this one (status `superseded`). */
  readonly supersededBy?: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewDecision extends Workspace {
  readonly channelId: string;
  readonly requesterId: string;
  readonly answers: Answers;
  readonly recommendation: Recommendation;
  readonly engineVersion: string;
}

/** What pressing Accept did. */
export type AcceptOutcome =
  | { readonly outcome: 'accepted'; readonly decision: DecisionRecord }
  /** Someone accepted it first (a concurrent press, or an earlier one). */
  | { readonly outcome: 'already-accepted'; readonly decision: DecisionRecord }
  /** A superseded decision cannot be accepted. */
  | { readonly outcome: 'superseded'; readonly decision: DecisionRecord }
  | { readonly outcome: 'not-found' };

/** What `supersede` did: the decision actually superseded (the head of the chain the old one started). */
export type SupersedeOutcome =
  | { readonly outcome: 'superseded'; readonly old: DecisionRecord; readonly current: DecisionRecord }
  /** Nothing to supersede: the old one is gone, or the chain leads back to the new one. */
  | { readonly outcome: 'none'; readonly current: DecisionRecord };

export interface DecisionFilter {
  readonly teamId?: string;
  readonly channelId?: string;
}

export interface Store {
  /** Which database: for logs and the bench ('sqlite' or 'postgres'). */
  readonly kind: 'sqlite' | 'postgres';
  /** Saves a new decision as `proposed` with the workspace's next number. */
  createDecision(input: NewDecision): Promise<DecisionRecord>;
  /** Records where the verdict was posted. */
  markPosted(workspace: Workspace, number: number, message: PostedMessage): Promise<DecisionRecord>;
  /** Removes a decision whose verdict reached nobody (its number is freed if it was the last). */
  discardDecision(workspace: Workspace, number: number): Promise<void>;
  getDecision(workspace: Workspace, number: number): Promise<DecisionRecord | undefined>;
  /** The decision whose verdict is the message `ts` in `channelId`. */
  findByMessage(
    workspace: Workspace,
    channelId: string,
    messageTs: string,
  ): Promise<DecisionRecord | undefined>;
  /** proposed → accepted, once: of concurrent presses one wins, the others see `already-accepted`. */
  accept(workspace: Workspace, number: number, userId: string, at?: Date): Promise<AcceptOutcome>;
  /**
   * Marks `oldNumber` superseded by `newNumber` and records the link both ways, in one transaction. When the old
   * one was superseded already (two Adjusts at once), the newest decision of that chain is superseded instead.
   */
  supersede(workspace: Workspace, oldNumber: number, newNumber: number): Promise<SupersedeOutcome>;
  /** The latest decisions posted in a channel, newest first. */
  listByChannel(workspace: Workspace, channelId: string, limit: number): Promise<DecisionRecord[]>;
  /** The latest decisions a person asked for, newest first (posted or shown to them alone). */
  listByRequester(workspace: Workspace, userId: string, limit: number): Promise<DecisionRecord[]>;
  /** Every decision matching the filter, by workspace and number (for export). */
  listAll(filter?: DecisionFilter): Promise<DecisionRecord[]>;
  /** Deletes everything stored for a workspace; returns how many decisions went. */
  deleteWorkspace(teamId: string): Promise<number>;
  close(): Promise<void>;
}

/** Where the database is, as `DATABASE_URL` says (parsed by src/config.ts). */
export type DatabaseLocation =
  /** A file path, or ':memory:' for a database that lives as long as the process. */
  { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'postgres'; readonly url: string };
