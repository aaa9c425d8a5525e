import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { GLOBAL_PREFIX } from './create-app';
import { openApiTypesOf } from './shared/api-docs/openapi-types';
import { createApiDocument } from './shared/api-docs/setup-api-docs';
import { loadAppConfig } from './shared/config/load-app-config';
import { METRICS_PATH } from './shared/metrics/metrics.controller';

/**
 * `node dist/write-openapi-types.js <file>`: writes the web app's API types, generated from the
 * document the API serves. It builds the application without listening, on a throwaway embedded
 * database, so the build needs neither a network nor a running server.
 */
async function writeOpenApiTypes(outputFile: string): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'coderscamp-openapi-'));
  try {
    const config = loadAppConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, { startSubscriptions: false }), new FastifyAdapter(), {
      logger: false,
      abortOnError: false,
    });
    try {
      app.setGlobalPrefix(GLOBAL_PREFIX, { exclude: [METRICS_PATH] });
      await writeFile(outputFile, await openApiTypesOf(createApiDocument(app)));
    } finally {
      await app.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const [outputFile] = process.argv.slice(2);
if (outputFile === undefined) {
  process.stderr.write('Usage: node dist/write-openapi-types.js <output .d.ts file>\n');
  process.exitCode = 2;
} else {
  writeOpenApiTypes(outputFile).catch((error: unknown) => {
    process.stderr.write(`Cannot write the OpenAPI types: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}
