import { createHash } from 'node:crypto';

/** One of the `count` parts a subscription's streams are split into; `index` runs from 0. */
export type Partition = Readonly<{ index: number; count: number }>;

export const MAX_PARTITIONS = 256;

/**
 * The partition that owns a stream: the first four bytes of the MD5 of its name (UTF-8), read as
 * an unsigned big-endian integer, modulo the partition count. MD5 because PostgreSQL computes the
 * same value in SQL (`('x' || substr(md5(stream_name), 1, 8))::bit(32)::bigint % count`), so a
 * reader can filter there; it is not used for secrecy. Every event of a stream lands in the same
 * partition, which handles them in log order.
 */
export function partitionOfStream(streamName: string, count: number): number {
  if (count === 1) return 0;
  return createHash('md5').update(streamName, 'utf8').digest().readUInt32BE(0) % count;
}
