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
}

export interface Database {
  decisions: DecisionsTable;
}
