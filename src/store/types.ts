import type { TeamView } from '../engine/combine.ts';
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
  /** Set when the decision is a team round's result: whose views it rests on. */
  readonly team?: DecisionTeam;
}

/** The team round behind a decision. */
export interface DecisionTeam {
  readonly roundId: string;
  /** Who gave a view, the organiser first (the order the views were combined in). */
  readonly people: readonly string[];
  /** The people named to answer (the organiser not among them); empty: anyone in the channel. */
  readonly participants: readonly string[];
}

export interface NewDecision extends Workspace {
  readonly channelId: string;
  readonly requesterId: string;
  readonly answers: Answers;
  readonly recommendation: Recommendation;
  readonly engineVersion: string;
  /** Where it is shown, when that message exists already (a round's message becomes its result). */
  readonly message?: PostedMessage;
  /**
   * A team round's result: saved together with the round's link to it, once. When the round has a decision
   * already (another instance finished it), nothing is saved: `createDecision` throws `RoundDecidedError`.
   */
  readonly team?: DecisionTeam;
}

/** The round has its decision already: another instance finished it first. */
export class RoundDecidedError extends Error {
  constructor(readonly roundId: string) {
    super(`Round ${roundId} has its decision already`);
    this.name = 'RoundDecidedError';
  }
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

/** A team round as stored: teammates give their views privately until it closes. Dates are `Date`s in UTC. */
export interface RoundRecord extends Workspace {
  /** Random, made by the store (a UUID); unique in the workspace. */
  readonly id: string;
  /** The conversation the round was opened in (where its message goes). */
  readonly channelId: string;
  readonly organiserId: string;
  readonly description?: string;
  /** The Slack user ids named to answer; empty: anyone in the channel. */
  readonly participants: readonly string[];
  readonly deadlineAt: Date;
  /** Halfway from `createdAt` to `deadlineAt`: when named participants who have not answered are nudged.
   * Absent when nobody was named. */
  readonly nudgeAt?: Date;
  /** Set once the nudges were claimed (`markNudged`). */
  readonly nudgedAt?: Date;
  /** Set once the round message is posted. */
  readonly message?: PostedMessage;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Set once, by the one `claimClose` that won; never before the last view's `updatedAt`. */
  readonly closedAt?: Date;
  /** `'deadline'`, or the Slack user id of whoever closed it. */
  readonly closedBy?: string;
  /** The decision record made from the round's result. */
  readonly decisionNumber?: number;
  /** Set once the round message showed the team's verdict (`markRoundFinished`). */
  readonly finishedAt?: Date;
}

export interface NewRound extends Workspace {
  readonly channelId: string;
  readonly organiserId: string;
  readonly description?: string;
  /** Who should answer (duplicates are dropped); empty: anyone in the channel. */
  readonly participants: readonly string[];
  readonly deadlineAt: Date;
  /** When it was opened; now unless given (an injected clock). */
  readonly createdAt?: Date;
}

/** One person's view in a round, as `combineViews` takes it (`person` is the Slack user id). */
export interface RoundView extends TeamView {
  readonly roundId: string;
  /** When the person first gave a view to this round. */
  readonly submittedAt: Date;
  /** When they last gave one (a replacement); equal to `submittedAt` until then. */
  readonly updatedAt: Date;
}

/** What `saveView` did. */
export type SaveViewOutcome =
  /** The person's first view of the round, stored; `round` as it stands after it. */
  | { readonly outcome: 'saved'; readonly round: RoundRecord }
  /** The person's earlier view, replaced. */
  | { readonly outcome: 'replaced'; readonly round: RoundRecord }
  /** The round closed first: nothing stored. */
  | { readonly outcome: 'closed' }
  | { readonly outcome: 'not-found' };

/** What `claimClose` did: of concurrent closes (the organiser, the deadline, several instances) one claims it. */
export type CloseOutcome =
  | { readonly outcome: 'claimed'; readonly round: RoundRecord }
  /** Someone closed it first: `round.closedBy` says who. */
  | { readonly outcome: 'already-closed'; readonly round: RoundRecord }
  | { readonly outcome: 'not-found' };

/** The team rounds part of the store (issue 12). */
export interface RoundStore {
  /** Saves a new, open round with a random id. */
  createRound(input: NewRound): Promise<RoundRecord>;
  /** Records where the round message was posted. */
  markRoundPosted(workspace: Workspace, roundId: string, message: PostedMessage): Promise<RoundRecord>;
  getRound(workspace: Workspace, roundId: string): Promise<RoundRecord | undefined>;
  /** The round whose message is `messageTs` in `channelId`. */
  findRoundByMessage(
    workspace: Workspace,
    channelId: string,
    messageTs: string,
  ): Promise<RoundRecord | undefined>;
  /**
   * Stores a person's view (one per person: a second replaces the first) unless the round is closed. Atomic
   * with `claimClose`: a view is either stored before the close is claimed (and listed by `listViews` once
   * `claimClose` returns) or refused with `closed`.
   */
  saveView(
    workspace: Workspace,
    roundId: string,
    personId: string,
    answers: Answers,
    at?: Date,
  ): Promise<SaveViewOutcome>;
  /** The round's views, by first submission, then person. */
  listViews(workspace: Workspace, roundId: string): Promise<RoundView[]>;
  /**
   * Closes the round, once: of concurrent calls exactly one is `claimed`. `closedBy`: `'deadline'` or a user id.
   * `closedAt` is `at`, or the last view's time when that is later (another instance's clock ahead).
   */
  claimClose(workspace: Workspace, roundId: string, closedBy: string, at?: Date): Promise<CloseOutcome>;
  /** Open rounds whose deadline is at or before `now`, in every workspace, the earliest deadline first. */
  dueRounds(now: Date, limit: number): Promise<RoundRecord[]>;
  /**
   * Open rounds with named participants, not yet nudged, halfway to their deadline at or before `now` and their
   * deadline still ahead, in every workspace, the earliest first.
   */
  roundsToNudge(now: Date, limit: number): Promise<RoundRecord[]>;
  /**
   * Rounds whose result was never shown (posted, closed, not finished; not closed unposted) and whose close, or
   * last `claimFinish`, is before `staleBefore`: a finish that failed. Only older ones, so a finish still under
   * way is not taken up twice.
   */
  unfinishedRounds(staleBefore: Date, limit: number): Promise<RoundRecord[]>;
  /**
   * Takes up finishing an unfinished round (as `unfinishedRounds` lists them), once: of concurrent calls one
   * gets the round, the others undefined (also when it is finished now, or not stale yet).
   */
  claimFinish(
    workspace: Workspace,
    roundId: string,
    staleBefore: Date,
    at?: Date,
  ): Promise<RoundRecord | undefined>;
  /** Records that the round message shows the result: true for the first call only. */
  markRoundFinished(workspace: Workspace, roundId: string, at?: Date): Promise<boolean>;
  /** Claims the round's nudges: true for the one call that set `nudgedAt` (false if nudged already or closed). */
  markNudged(workspace: Workspace, roundId: string, at?: Date): Promise<boolean>;
}

export interface Store extends RoundStore {
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
  /**
   * Takes an Events API delivery by its event_id: true the first time, false for a repeat (Slack's retry of
   * it, whichever instance got the first).
   */
  claimEvent(eventId: string, at?: Date): Promise<boolean>;
  /**
   * Claims a button press (`key`: the button, the person, where) until `busyUntil`: true unless the same press
   * is claimed past `now` already (a double click's repeat, whichever instance got the first).
   */
  claimPress(key: string, now: Date, busyUntil: Date): Promise<boolean>;
  /** Moves a claimed press's end to `busyUntil` (once it has been handled: the grace for a late repeat). */
  extendPress(key: string, busyUntil: Date): Promise<void>;
  /** Forgets event deliveries taken, and presses that ended, before `before`. */
  forgetReceipts(before: Date): Promise<void>;
  /** Throws unless the database answers: for the health check. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Where the database is, as `DATABASE_URL` says (parsed by src/config.ts). */
export type DatabaseLocation =
  /** A file path, or ':memory:' for a database that lives as long as the process. */
  { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'postgres'; readonly url: string };
