/**
 * The tables as Kysely sees them: one schema for SQLite and PostgreSQL. Dates are ISO-8601 UTC text (sortable,
 * the same in both), JSON is text, numbers are 32-bit integers: nothing depends on a dialect's own types.
 */

export interface DecisionsTable {
  team_id: string;
  number: number;
  enterprise_id: string | null;
  /** Where the verdict was asked for. */
  channel_id: string;
  /** Where it was posted, once it was (null before). */
  message_channel_id: string | null;
  message_ts: string | null;
  permalink: string | null;
  requester_id: string;
  /** JSON of the answers. */
  answers: string;
  /** JSON of the recommendation as shown. */
  recommendation: string;
  engine_version: string;
  status: string;
  accepted_by: string | null;
  accepted_at: string | null;
  supersedes: number | null;
  superseded_by: number | null;
  created_at: string;
  updated_at: string;
  /** JSON of a team round's views behind it (`DecisionTeam`); null for one person's verdict (0003). */
  team: string | null;
}

/** A team round: teammates give their views privately until it closes (issue 12). */
export interface RoundsTable {
  team_id: string;
  /** Random (crypto.randomUUID()), unique in the workspace. */
  id: string;
  enterprise_id: string | null;
  /** Where the round was opened (where its message goes). */
  channel_id: string;
  organiser_id: string;
  description: string | null;
  /** JSON array of the Slack user ids named to answer; `[]`: anyone in the channel. */
  participants: string;
  deadline_at: string;
  /** Halfway from created_at to deadline_at, when named participants who have not answered are nudged; null
   * when nobody was named (nobody to nudge). */
  nudge_at: string | null;
  nudged_at: string | null;
  /** The round message, once posted (null before). */
  message_channel_id: string | null;
  message_ts: string | null;
  permalink: string | null;
  created_at: string;
  /** Last change to the row (posted, a view saved, nudged, closed, its decision recorded). */
  updated_at: string;
  closed_at: string | null;
  /** 'deadline', or the Slack user id of whoever closed it. */
  closed_by: string | null;
  /** The decision record made from the round's result. */
  decision_number: number | null;
  /** When an instance last took up finishing the closed round (0003); null: only the close itself. */
  finish_claimed_at: string | null;
  /** When the round message first showed the team's verdict (0003). */
  finished_at: string | null;
}

/** One person's view in a round: one row per person, replaced when they submit again. */
export interface RoundViewsTable {
  team_id: string;
  round_id: string;
  person_id: string;
  /** JSON of the answers. */
  answers: string;
  /** When the person first submitted a view to this round. */
  submitted_at: string;
  /** When they last submitted one (equal to submitted_at until replaced). */
  updated_at: string;
}

/** An Events API delivery taken (0005): its event_id, kept while Slack may still retry it. */
export interface EventReceiptsTable {
  event_id: string;
  received_at: string;
}

/** A button press being handled or just handled (0005): a repeat before `busy_until` is the same press. */
export interface PressClaimsTable {
  press_key: string;
  busy_until: string;
}

export interface Database {
  event_receipts: EventReceiptsTable;
  press_claims: PressClaimsTable;
  decisions: DecisionsTable;
  rounds: RoundsTable;
  round_views: RoundViewsTable;
}
