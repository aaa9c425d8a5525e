import { writeFile } from 'node:fs/promises';
import type { EventModel } from '../../shared/event-model/event-model';
import { EventModelService } from '../../shared/event-model/event-model.service';
import { eventModelMarkdown, eventModelMermaid } from '../../shared/event-model/render-event-model';
import type { CliCommand } from '../cli-command';

const FORMATS: Readonly<Record<string, (model: EventModel) => string>> = {
  json: (model) => JSON.stringify(model, null, 2),
  mermaid: eventModelMermaid,
  markdown: eventModelMarkdown,
};

const USAGE = 'event-model [--format json|mermaid|markdown] [--out <file>]';

/** The Event Model of this build; `--out docs/event-model.md --format markdown` regenerates the checked-in document. */
export const eventModelCommand: CliCommand = {
  name: 'event-model',
  usage: USAGE,
  description: 'Print the Event Model derived from the code (commands, events, read models, automations, problems)',
  servesHttp: true,
  async run(app, args, output) {
    const options = optionsOf(args);
    // Own keys only: `--format toString` must not find Object.prototype's.
    const render = options !== undefined && Object.hasOwn(FORMATS, options.format) ? FORMATS[options.format] : undefined;
    if (options === undefined || render === undefined) {
      output.err(`Usage: ${USAGE}\n`);
      return 2;
    }
    const model = await app.get(EventModelService).current();
    const text = render(model);
    if (options.out === undefined) output.out(text);
    else await writeFile(options.out, text.endsWith('\n') ? text : `${text}\n`);
    if (model.problems.length > 0) output.err(`${model.problems.length} problems: ${model.problems.map((problem) => `${problem.code} ${problem.element.id}`).join(', ')}\n`);
    return 0;
  },
};

/** `--format <name>` and `--out <file>`, each at most once; anything else is a usage error (undefined). */
function optionsOf(args: readonly string[]): { format: string; out: string | undefined } | undefined {
  const options: { format: string; out: string | undefined } = { format: 'json', out: undefined };
  for (let index = 0; index < args.length; index += 2) {
    const [flag, value] = [args[index], args[index + 1]];
    if (value === undefined) return undefined;
    if (flag === '--format') options.format = value;
    else if (flag === '--out') options.out = value;
    else return undefined;
  }
  return options;
}
