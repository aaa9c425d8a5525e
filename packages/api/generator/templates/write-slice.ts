import { type ContractField, exampleValue, fieldTypeText } from '../contracts';
import { exampleTextFor, sentenceFromPascal } from '../names';
import type { GeneratedFile } from '../plan';
import type { WriteSlice } from '../write-slice';

export function writeSliceFiles(slice: WriteSlice): GeneratedFile[] {
  const at = (path: string, content: string): GeneratedFile => ({ path: `${slice.folder}/${path}`, content });
  return [
    at('domain/events.ts', events(slice)),
    at(`domain/${slice.decideFile}.ts`, decide(slice)),
    at(`domain/${slice.decideFile}.spec.ts`, decideSpec(slice)),
    at(`application/${slice.decideFile}.command-handler.ts`, handler(slice)),
    at(`presentation/rest/${slice.decideFile}.request.ts`, requestDto(slice)),
    at(`presentation/rest/${slice.slice}.controller.ts`, controller(slice)),
    at(`${slice.slice}.write-module.ts`, writeModule(slice)),
    at(`${slice.slice}.write-module.spec.ts`, writeModuleSpec(slice)),
  ];
}

const commandImport = (slice: WriteSlice, up: string) => `${up}shared/commands/${slice.command.path.split('/').at(-1)!.replace(/\.ts$/, '')}`;
const eventImport = (slice: WriteSlice, up: string) => `${up}shared/events/${slice.event.path.split('/').at(-1)!.replace(/\.ts$/, '')}`;

function events(slice: WriteSlice): string {
  return `import { StreamName } from '@coderscamp/event-sourcing';
import type { ${slice.event.type} } from '${eventImport(slice, '../../../')}';

export type ${slice.domainEventType} = ${slice.event.type};

export function ${slice.streamFunction}(${slice.streamIdField}: string): StreamName {
  return StreamName.of('${slice.category}', ${slice.streamIdField});
}
`;
}

function eventData(slice: WriteSlice, value: (field: ContractField) => string): string {
  return `{ ${slice.eventData.map(({ target, source }) => `${target.name}: ${value(source)}`).join(', ')} }`;
}

function commandData(slice: WriteSlice, value: (field: ContractField) => string): string {
  return `{ ${slice.command.fields.map((field) => `${field.name}: ${value(field)}`).join(', ')} }`;
}

function decide(slice: WriteSlice): string {
  return `import type { ${slice.command.type} } from '${commandImport(slice, '../../../')}';
import type { ${slice.domainEventType} } from './events';

// TODO: the rules. Fold from the past events only what they need; throw a DomainRuleViolation subclass (errors.ts) for each broken one.
export function ${slice.decide}(_pastEvents: ${slice.domainEventType}[], command: ${slice.command.type}): ${slice.domainEventType}[] {
  return [{ type: '${slice.event.type}', data: ${eventData(slice, (field) => `command.data.${field.name}`)} }];
}
`;
}

function decideSpec(slice: WriteSlice): string {
  return `import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, it } from 'vitest';
import { ${slice.decide} } from './${slice.decideFile}';

const given = DeciderSpecification.for(${slice.decide});

describe('${sentenceFromPascal(slice.command.type)}', () => {
  // TODO: one case per rule: given the past events, when the command, then the new events or .thenThrows(TheRuleViolation).
  it('given nothing happened, when ${sentenceFromPascal(slice.command.type)}, then ${sentenceFromPascal(slice.event.type)}', () => {
    given([])
      .when({ type: '${slice.command.type}', data: ${commandData(slice, exampleValue)} })
      .then([{ type: '${slice.event.type}', data: ${eventData(slice, exampleValue)} }]);
  });
});
`;
}

function handler(slice: WriteSlice): string {
  return `import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { ${slice.command.type}ApplicationCommand } from '${commandImport(slice, '../../../')}';
import { ${slice.decide} } from '../domain/${slice.decideFile}';
import { ${slice.streamFunction}, type ${slice.domainEventType} } from '../domain/events';

@CommandHandler(${slice.command.type}ApplicationCommand)
export class ${slice.handlerClass} implements ICommandHandler<${slice.command.type}ApplicationCommand, void> {
  constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

  async execute(command: ${slice.command.type}ApplicationCommand): Promise<void> {
    await this.applicationService.execute<${slice.domainEventType}>(
      ${slice.streamFunction}(command.data.${slice.streamIdField}),
      { correlationId: command.metadata.correlationId, causationId: command.id },
      (pastEvents) => ${slice.decide}(pastEvents, command),
    );
  }
}
`;
}

const VALIDATORS: Record<ContractField['type'], { check: string; schema: string; decorators: string[] }> = {
  string: { check: 'IsString', schema: 'minLength: 1, maxLength: 200', decorators: ['@IsString()', '@Length(1, 200)'] },
  number: { check: 'IsNumber', schema: "type: 'number'", decorators: ['@IsNumber()'] },
  boolean: { check: 'IsBoolean', schema: "type: 'boolean'", decorators: ['@IsBoolean()'] },
};

function requestDto(slice: WriteSlice): string {
  const fields = slice.command.fields;
  const validators = new Set(fields.flatMap((field) => [VALIDATORS[field.type].check, ...(field.type === 'string' ? ['Length'] : []), ...(mayBeLeftOut(field) ? ['IsOptional'] : [])]));
  const swagger = [...new Set(fields.map((field) => (mayBeLeftOut(field) ? 'ApiPropertyOptional' : 'ApiProperty')))];
  const properties = fields.map((field) => {
    const validator = VALIDATORS[field.type];
    const schema = field.nullable ? `${validator.schema}, nullable: true` : validator.schema;
    const decorators = [`@${mayBeLeftOut(field) ? 'ApiPropertyOptional' : 'ApiProperty'}({ ${schema} })`, ...(mayBeLeftOut(field) ? ['@IsOptional()'] : []), ...validator.decorators];
    return `  ${decorators.join('\n  ')}\n  ${field.name}${mayBeLeftOut(field) ? '?' : '!'}: ${fieldTypeText(field)};`;
  });
  return `import { ${swagger.sort().join(', ')} } from '@nestjs/swagger';
import { ${[...validators].sort().join(', ')} } from 'class-validator';

// TODO: the limits each field really has (the OpenAPI lint wants every string and number bounded).
export class ${slice.requestClass} {
${properties.join('\n\n')}
}
`;
}

/** class-validator's IsOptional lets null through as well as a missing field. */
const mayBeLeftOut = (field: ContractField): boolean => field.optional || field.nullable;

function controller(slice: WriteSlice): string {
  const up = '../../../../';
  const value = (field: ContractField) => (field.nullable && !field.optional ? `request.${field.name} ?? null` : `request.${field.name}`);
  return `import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationCommandFactory } from '@coderscamp/event-sourcing';
import { ${slice.command.type}ApplicationCommand } from '${commandImport(slice, up)}';
import { ApiAccessTokenAuth } from '${up}../shared/api-docs/api-security.decorators';
import { JwtAuthGuard } from '${up}../shared/auth/jwt-auth.guard';
import { RequestCorrelationId } from '${up}../shared/observability/correlation-id.decorator';
import { ${slice.requestClass} } from './${slice.decideFile}.request';

// TODO: the route and who may call it; take the subject's id from the token (@JwtUserId) or the path when it is not the caller's to choose;
// declare the tag in shared/api-docs/setup-api-docs.ts and document each rule violation with @ApiErrorResponse.
@ApiTags('${slice.slice}')
@ApiAccessTokenAuth()
@Controller('${slice.slice}')
@UseGuards(JwtAuthGuard)
export class ${slice.controllerClass} {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
  ) {}

  @Post()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: '${capitalised(sentenceFromPascal(slice.command.type))}' })
  @ApiNoContentResponse({ description: '${capitalised(sentenceFromPascal(slice.event.type))}' })
  async ${slice.decide}(@Body() request: ${slice.requestClass}, @RequestCorrelationId() correlationId: string): Promise<void> {
    const command = this.commandFactory.applicationCommand(() => ({
      class: ${slice.command.type}ApplicationCommand,
      type: '${slice.command.type}',
      data: ${commandData(slice, value)},
      metadata: { correlationId },
    }));
    await this.commandBus.execute(command);
  }
}
`;
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function writeModule(slice: WriteSlice): string {
  return `import { Module } from '@nestjs/common';
import { ${slice.handlerClass} } from './application/${slice.decideFile}.command-handler';
import { ${slice.controllerClass} } from './presentation/rest/${slice.slice}.controller';

@Module({ controllers: [${slice.controllerClass}], providers: [${slice.handlerClass}] })
export class ${slice.moduleClass} {}
`;
}

function writeModuleSpec(slice: WriteSlice): string {
  const stream = `${slice.category}_${exampleTextFor(slice.streamIdField)}`;
  return `import { WriteModuleSpecification } from '@coderscamp/event-sourcing/testing';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { ${slice.command.type}ApplicationCommand } from '${commandImport(slice, '../../')}';
import { AuthModule } from '../../../shared/auth/auth.module';
import { RoleLookup } from '../../../shared/auth/role-lookup';
import { SessionLookup } from '../../../shared/auth/session-lookup';
import { ConfigModule } from '../../../shared/config/config.module';
import { loadAppConfig } from '../../../shared/config/load-app-config';
import { ${slice.moduleClass} } from './${slice.slice}.write-module';

describe('${slice.slice} write module', () => {
  let spec: WriteModuleSpecification;
  beforeEach(async () => {
    // The controller's guard comes with the auth module; commands go straight to the bus, so its lookups are never asked.
    spec = await WriteModuleSpecification.for({
      imports: [ConfigModule.forRoot(loadAppConfig({ DATA_DIR: 'memory://' })), AuthModule, ${slice.moduleClass}],
      providers: [
        { provide: SessionLookup, useValue: {} },
        { provide: RoleLookup, useValue: {} },
      ],
    });
  });
  afterEach(() => spec.close());

  it('given nothing happened, when ${sentenceFromPascal(slice.command.type)} is executed, then ${sentenceFromPascal(slice.event.type)} on its stream', async () => {
    await spec.whenCommandExecuted(
      new ${slice.command.type}ApplicationCommand('command-1', new Date(), '${slice.command.type}', ${commandData(slice, exampleValue)}, { correlationId: 'correlation-1' }),
    );

    await spec.thenEventsPublished('${stream}', [{ type: '${slice.event.type}', data: ${eventData(slice, exampleValue)} }]);
  });
});
`;
}
