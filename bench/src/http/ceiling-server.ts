/**
 * H1's ceiling, run as a child process like the app: a bare Fastify route that takes the same
 * webhook (the same secret check and payload parsing as the app) and does the same INSERT of a
 * TaskWasCompleted event into an events table equivalent to the SDK's, with the same pool size.
 * No framework, no read before the write: the stream's next position comes from the INSERT itself.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { z } from 'zod';
import { TASK_WEBHOOK_PATH } from './app-under-test';

const processStId = z.string().trim().min(1).max(200);
const payloadSchema = z.object({
  id: processStId,
  type: z.string().min(1),
  createdDate: z.string().min(1),
  data: z.object({ id: processStId, status: z.string() }),
});

const INSERT_NEXT_IN_STREAM = `
  INSERT INTO ceiling_events (event_id, stream_name, category, stream_position, type, data, metadata, occurred_at)
  SELECT $1, $2, 'LearningMaterialsTasks', coalesce(max(stream_position), 0) + 1, 'TaskWasCompleted', $3, $4, $5
  FROM ceiling_events WHERE stream_name = $2`;

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

async function main(): Promise<void> {
  const secret = process.env.PROCESS_ST_WEBHOOK_SECRET ?? '';
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_MAX) });
  const server = Fastify();
  server.post(TASK_WEBHOOK_PATH, async (request, reply) => {
    const given = request.headers['x-webhook-secret'];
    if (typeof given !== 'string' || !sameSecret(given, secret)) return reply.code(401).send({ code: 'INVALID_WEBHOOK_SECRET' });
    const parsed = payloadSchema.safeParse(request.body);
    if (!parsed.success || parsed.data.data.status !== 'Completed') return reply.code(400).send({ code: 'MALFORMED_WEBHOOK_PAYLOAD' });
    const { id: learningMaterialsId, data } = parsed.data;
    await pool.query(INSERT_NEXT_IN_STREAM, [
      randomUUID(),
      `LearningMaterialsTasks_${learningMaterialsId}`,
      { learningMaterialsId, taskId: data.id },
      { correlationId: randomUUID(), causationId: randomUUID() },
      new Date(),
    ]);
    return reply.code(204).send();
  });
  server.get('/api/health', async () => ({ status: 'ok' }));
  await server.listen({ port: Number(process.env.PORT), host: process.env.HOST });
  const shutdown = () => {
    server.close().then(() => pool.end()).then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
