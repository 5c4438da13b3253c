import { type DecisionRecordMeta, decisionFileName } from '../engine/index.ts';
import type { DecisionRecord, Store } from './types.ts';

/** The decisions a stored decision links to: the one it supersedes and the one that superseded it, if stored. */
export async function linkedDecisions(
  store: Store,
  record: DecisionRecord,
): Promise<{ supersedes?: DecisionRecord; supersededBy?: DecisionRecord }> {
  const get = (number: number | undefined) =>
    number === undefined ? Promise.resolve(undefined) : store.getDecision(record, number);
  const [supersedes, supersededBy] = await Promise.all([get(record.supersedes), get(record.supersededBy)]);
  return {
    ...(supersedes === undefined ? {} : { supersedes }),
    ...(supersededBy === undefined ? {} : { supersededBy }),
  };
}

/**
 * A stored decision's lifecycle as its MADR record shows it (number, status, dates, who accepted, engine
 * version), with the file names of the records it supersedes or is superseded by. MADR's `date` is when the
 * decision last changed. Used by the Decision record modal and by `npm run decisions -- export`.
 */
export async function recordMetaOf(store: Store, record: DecisionRecord): Promise<DecisionRecordMeta> {
  const linked = await linkedDecisions(store, record);
  // A decision deleted since (or never posted and discarded) has no file to link to.
  const link = (other: DecisionRecord | undefined) =>
    other === undefined
      ? undefined
      : { number: other.number, fileName: decisionFileName(other.number, other.recommendation) };
  const [supersedes, supersededBy] = [link(linked.supersedes), link(linked.supersededBy)];
  return {
    number: record.number,
    status: record.status,
    date: record.updatedAt,
    ...(record.acceptedBy === undefined ? {} : { acceptedBy: record.acceptedBy }),
    ...(record.acceptedAt === undefined ? {} : { acceptedAt: record.acceptedAt }),
    ...(supersedes === undefined ? {} : { supersedes }),
    ...(supersededBy === undefined ? {} : { supersededBy }),
    engineVersion: record.engineVersion,
    ...(record.team === undefined ? {} : { consulted: record.team.people }),
  };
}
