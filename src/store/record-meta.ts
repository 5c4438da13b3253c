import { type DecisionRecordMeta, decisionFileName } from '../engine/index.ts';
import type { DecisionRecord, Store } from './types.ts';

/**
 * A stored decision's lifecycle as its MADR record shows it (number, status, dates, who accepted, engine
 * version), with the file names of the records it supersedes or is superseded by. MADR's `date` is when the
 * decision last changed. Used by the Decision record modal and by `npm run decisions -- export`.
 */
export async function recordMetaOf(store: Store, record: DecisionRecord): Promise<DecisionRecordMeta> {
  const link = async (number: number | undefined) => {
    if (number === undefined) return undefined;
    const other = await store.getDecision(record, number);
    // A decision deleted since (or never posted and discarded) has no file to link to.
    return other === undefined
      ? undefined
      : { number, fileName: decisionFileName(number, other.recommendation) };
  };
  const [supersedes, supersededBy] = await Promise.all([link(record.supersedes), link(record.supersededBy)]);
  return {
    number: record.number,
    status: record.status,
    date: record.updatedAt,
    ...(record.acceptedBy === undefined ? {} : { acceptedBy: record.acceptedBy }),
    ...(record.acceptedAt === undefined ? {} : { acceptedAt: record.acceptedAt }),
    ...(supersedes === undefined ? {} : { supersedes }),
    ...(supersededBy === undefined ? {} : { supersededBy }),
    engineVersion: record.engineVersion,
  };
}
