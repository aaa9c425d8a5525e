import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';
import type {
  AutomationFacts,
  CommandHandlerFacts,
  EndpointFacts,
  ProcessFacts,
  ProjectionFacts,
  SliceFacts,
  SliceKind,
  SourceFacts,
} from './source-facts';

/** Where to read: the `src` folder (its slices under `module/`) and the tsconfig that compiles it. */
export type SourceTree = Readonly<{ sourceRoot: string; tsconfigFile: string }>;

const SLICE_KINDS: readonly SliceKind[] = ['write', 'read', 'automation'];
const HTTP_METHOD_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options', 'All']);
const GIVEN_WHEN_THEN_DSL = new Set(['DeciderSpecification', 'WriteModuleSpecification', 'AutomationSpecification', 'ProjectionSpecification']);
const SDK_TESTING_ENTRY = /^@coderscamp\/event-sourcing\/testing(\/|$)/;
const TEST_FUNCTIONS = /^(it|test)(\.(only|skip|concurrent|fails))?$/;
const EACH_TEST_FUNCTIONS = /^(it|test)(\.(only|skip|concurrent))?\.each$/;
const SQL_WRITE = /\b(?:insert\s+into|update|delete\s+from)\s+([a-z_][a-z0-9_]*)/gi;
const SQL_READ_OR_WRITE = /\b(?:from|join|insert\s+into|update)\s+([a-z_][a-z0-9_]*)/gi;

/**
 * Reads the Event Model's facts that only the sources hold (see `SourceFacts`) with the TypeScript
 * compiler: the production files under `sourceRoot` form the program; specs are only looked at
 * for the given/when/then DSL.
 */
export function extractSourceFacts(tree: SourceTree): SourceFacts {
  const files = typeScriptFilesUnder(tree.sourceRoot);
  const program = ts.createProgram(files.filter((file) => !isSpec(file)), compilerOptionsOf(tree.tsconfigFile));
  return new SourceReader(program, tree.sourceRoot).facts(files.filter(isSpec));
}

class SourceReader {
  private readonly checker: ts.TypeChecker;
  private readonly sourceFiles: readonly ts.SourceFile[];
  private readonly commandTypeByClass = new Map<ts.Declaration, string>();
  private readonly eventTypes = new Set<string>();
  private readonly tableNameByDeclaration = new Map<ts.Declaration, string>();
  private readonly declaredTables: ReadonlySet<string>;
  /** Resolving a name is the costly step, and the same shared code is reached from many roots. */
  private readonly declarations = new Map<ts.Node, ts.Declaration | undefined>();

  constructor(
    program: ts.Program,
    private readonly sourceRoot: string,
  ) {
    this.checker = program.getTypeChecker();
    this.sourceFiles = program.getSourceFiles().filter((file) => !file.isDeclarationFile && isInside(file.fileName, sourceRoot));
    this.everyNode((node) => {
      if (ts.isClassDeclaration(node)) this.recordCommandClass(node);
      if (ts.isTypeAliasDeclaration(node)) this.recordEventType(node);
      if (ts.isVariableDeclaration(node)) this.recordTable(node);
    });
    this.declaredTables = new Set(this.tableNameByDeclaration.values());
  }

  facts(specFiles: readonly string[]): SourceFacts {
    const commandHandlers = this.commandHandlers();
    const endpoints = this.endpoints();
    const automations = this.automations();
    const covered = new Set([...commandHandlers, ...endpoints, ...automations].flatMap((found) => found.reached));
    return {
      commands: [...this.commandTypeByClass]
        .map(([declaration, type]) => ({ className: nameOf(declaration), type }))
        .sort((a, b) => a.className.localeCompare(b.className)),
      events: [...this.eventTypes].sort(),
      commandHandlers: commandHandlers.map((found) => found.facts).sort((a, b) => a.commandClassName.localeCompare(b.commandClassName)),
      endpoints: endpoints.map((found) => found.facts).sort((a, b) => a.operationId.localeCompare(b.operationId)),
      automations: automations.map((found) => found.facts).sort((a, b) => a.folderName.localeCompare(b.folderName)),
      projections: this.projections().sort((a, b) => a.subscriptionId.localeCompare(b.subscriptionId)),
      processes: this.processes(covered),
      slices: this.slices(specFiles),
    };
  }

  private recordCommandClass(node: ts.ClassDeclaration): void {
    const base = node.heritageClauses?.flatMap((clause) => clause.types).find((type) => type.expression.getText() === 'AbstractApplicationCommand');
    const commandTypeNode = base?.typeArguments?.[0];
    if (commandTypeNode === undefined) return;
    const type = this.stringLiteralOfProperty(this.checker.getTypeFromTypeNode(commandTypeNode), 'type');
    if (type !== undefined) this.commandTypeByClass.set(node, type);
  }

  private recordEventType(node: ts.TypeAliasDeclaration): void {
    if (!ts.isTypeReferenceNode(node.type) || node.type.typeName.getText() !== 'DomainEvent') return;
    const typeName = node.type.typeArguments?.[0];
    if (typeName !== undefined && ts.isLiteralTypeNode(typeName) && ts.isStringLiteral(typeName.literal)) this.eventTypes.add(typeName.literal.text);
  }

  private recordTable(node: ts.VariableDeclaration): void {
    const initializer = node.initializer;
    if (initializer === undefined || !ts.isCallExpression(initializer) || initializer.expression.getText() !== 'pgTable') return;
    const name = initializer.arguments[0];
    if (name !== undefined && ts.isStringLiteralLike(name)) this.tableNameByDeclaration.set(node, name.text);
  }

  /** `decidingCommandHandler(Command, { stream, decide })` and classes decorated `@CommandHandler(Command)`. */
  private commandHandlers(): Found<CommandHandlerFacts>[] {
    const found: Found<CommandHandlerFacts>[] = [];
    this.everyNode((node) => {
      if (ts.isCallExpression(node) && node.expression.getText() === 'decidingCommandHandler') {
        const [commandClass, definition] = node.arguments;
        if (commandClass === undefined || definition === undefined || !ts.isObjectLiteralExpression(definition)) return;
        const stream = propertyInitializer(definition, 'stream');
        const decide = propertyInitializer(definition, 'decide');
        found.push(this.commandHandler(commandClass, definition, stream ? [stream] : [], decide ? [decide] : []));
      }
      if (ts.isClassDeclaration(node)) {
        const commandClass = decoratorArguments(node, 'CommandHandler')?.[0];
        if (commandClass === undefined) return;
        // `applicationService.handle(stream, command, decide)` or `.handleOnState(stream, command, decider, decide)`: the one call that appends.
        const decisions = this.reach([node]).flatMap((reached) => descendantsOf(reached).filter(isDecisionCall));
        found.push(
          this.commandHandler(
            commandClass,
            node,
            decisions.map((call) => call.arguments[0]!),
            decisions.map((call) => call.arguments[call.arguments.length - 1]!),
          ),
        );
      }
    });
    return found;
  }

  private commandHandler(commandClass: ts.Expression, body: ts.Node, streams: readonly ts.Node[], decisions: readonly ts.Node[]): Found<CommandHandlerFacts> {
    const reached = this.reach([body]);
    const slice = this.sliceOf(body);
    // Shared helpers the decision reaches are not where a reader looks for it: only the slice's own files.
    const decisionFiles = this.reach(decisions).filter((node) => slice !== null && this.sliceOf(node) === slice);
    return {
      reached,
      facts: {
        // The class's own name, whatever a file imports it as: the run time knows it by that name.
        commandClassName: this.declaredNameOf(commandClass),
        slice: this.sliceOf(body) ?? '',
        streamCategories: sorted(this.reach(streams).flatMap(streamCategoriesIn)),
        emits: sorted(this.reach(decisions).flatMap((node) => this.eventTypesBuiltIn(node))),
        sends: sorted(reached.flatMap((node) => this.commandsSentIn(node))),
        files: sorted([body, ...decisionFiles].map((node) => this.fileOf(node))),
      },
    };
  }

  /** Controller methods with an HTTP method decorator; Nest names their operation `<Controller>_<method>`. */
  private endpoints(): Found<EndpointFacts>[] {
    const found: Found<EndpointFacts>[] = [];
    this.everyNode((node) => {
      if (!ts.isClassDeclaration(node) || node.name === undefined || decoratorArguments(node, 'Controller') === undefined) return;
      for (const member of node.members) {
        if (!ts.isMethodDeclaration(member) || !decoratorNames(member).some((name) => HTTP_METHOD_DECORATORS.has(name))) continue;
        const reached = this.reach([member]);
        found.push({
          reached,
          facts: {
            operationId: `${node.name.text}_${member.name.getText()}`,
            slice: this.sliceOf(node),
            sends: sorted(reached.flatMap((reachedNode) => this.commandsSentIn(reachedNode))),
            tables: sorted(reached.flatMap((reachedNode) => this.tablesUsedIn(reachedNode))),
          },
        });
      }
    });
    return found;
  }

  /** `automation('<folder>').on('EventType', handler)…`: what each handler sends. */
  private automations(): Found<AutomationFacts>[] {
    const found: Found<AutomationFacts>[] = [];
    this.everyNode((node) => {
      if (!ts.isCallExpression(node) || node.expression.getText() !== 'automation') return;
      const folderName = node.arguments[0];
      if (folderName === undefined || !ts.isStringLiteralLike(folderName)) return;
      const handlers = chainedCalls(node).filter(({ name, call }) => name === 'on' && call.arguments.length === 2);
      const reachedByHandler = handlers.map(({ call }) => ({ eventType: call.arguments[0]!, reached: this.reach([call.arguments[1]!]) }));
      const reached = reachedByHandler.flatMap((handler) => handler.reached);
      found.push({
        reached,
        facts: {
          folderName: folderName.text,
          slice: this.sliceOf(node) ?? '',
          on: reachedByHandler
            .filter((handler) => ts.isStringLiteralLike(handler.eventType))
            .map((handler) => ({
              eventType: (handler.eventType as ts.StringLiteralLike).text,
              sends: sorted(handler.reached.flatMap((reachedNode) => this.commandsSentIn(reachedNode))),
              emits: sorted(handler.reached.flatMap((reachedNode) => this.eventTypesBuiltIn(reachedNode))),
            })),
          streamCategories: sorted(reached.flatMap(streamCategoriesIn)),
          file: this.fileOf(node),
        },
      });
    });
    return found;
  }

  /** `factory.subscription('<Id>')…build()` in the sources: a projection; the tables its handlers write. */
  private projections(): ProjectionFacts[] {
    const found: ProjectionFacts[] = [];
    this.everyNode((node) => {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'subscription') return;
      const id = node.arguments.length === 1 ? this.checker.getTypeAtLocation(node.arguments[0]!) : undefined;
      if (id === undefined || !id.isStringLiteral()) return;
      const chain = chainedCalls(node);
      const wholeDefinition = chain.at(-1)?.call ?? node;
      found.push({
        subscriptionId: id.value,
        slice: this.sliceOf(node),
        tables: sorted(this.reach([wholeDefinition]).flatMap((reached) => this.tablesWrittenIn(reached))),
        file: this.fileOf(node),
      });
    });
    return found;
  }

  /** Commands sent from code no handler, endpoint or automation reaches, named by the class or function around them. */
  private processes(covered: ReadonlySet<ts.Node>): ProcessFacts[] {
    const sendsBySender = new Map<string, { name: string; file: string; sends: Set<string> }>();
    this.everyNode((node) => {
      const sent = this.commandSentBy(node);
      if (sent === undefined || ancestorsOf(node).some((ancestor) => covered.has(ancestor))) return;
      const sender = outermostNamedDeclaration(node);
      const file = this.fileOf(node);
      const key = `${file}#${sender}`;
      const entry = sendsBySender.get(key) ?? { name: sender, file, sends: new Set<string>() };
      entry.sends.add(sent);
      sendsBySender.set(key, entry);
    });
    return [...sendsBySender.values()]
      .map((entry) => ({ name: entry.name, file: entry.file, sends: sorted(entry.sends) }))
      .sort((a, b) => `${a.file}#${a.name}`.localeCompare(`${b.file}#${b.name}`));
  }

  private slices(specFiles: readonly string[]): SliceFacts[] {
    const moduleRoot = join(this.sourceRoot, 'module');
    return SLICE_KINDS.flatMap((kind) =>
      subfolders(join(moduleRoot, kind))
        .filter((folder) => folder !== 'shared')
        .map((folder) => {
          const folderPath = join(moduleRoot, kind, folder);
          const specs = specFiles.filter((file) => isInside(file, folderPath)).sort();
          const inFolder = (file: string) => toPosix(relative(folderPath, file));
          return {
            slice: `${kind}/${folder}`,
            kind,
            givenWhenThenSpecs: specs.filter(usesGivenWhenThenDsl).map(inFolder),
            specs: specs.map((file) => ({ file: inFolder(file), tests: testNamesIn(file) })),
          };
        }),
    );
  }

  /**
   * The nodes the code starting at `roots` runs: the roots, and every function and method of these
   * sources they name, followed transitively. Calls into packages (the SDK, Drizzle) and through
   * interfaces (ports) stop there: what an adapter does is the adapter's business.
   */
  private reach(roots: readonly ts.Node[]): ts.Node[] {
    const visited = new Set<ts.Node>();
    const pending = [...roots];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (visited.has(node)) continue;
      visited.add(node);
      for (const descendant of descendantsOf(node)) {
        const body = ts.isIdentifier(descendant) ? this.functionNamedBy(descendant) : undefined;
        if (body !== undefined && !visited.has(body)) pending.push(body);
      }
    }
    return [...visited];
  }

  private functionNamedBy(identifier: ts.Identifier): ts.Node | undefined {
    const declaration = this.declarationOf(identifier);
    if (declaration === undefined || !this.isOwnSource(declaration)) return undefined;
    if ((ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) && declaration.body !== undefined) return declaration;
    // A function held in a variable, or a value computed once and named (`const stream = …Stream(id)`).
    if (ts.isVariableDeclaration(declaration)) return declaration.initializer;
    return undefined;
  }

  /** `{ class: SomeApplicationCommand, … }`: how every command is built and sent. */
  private commandSentBy(node: ts.Node): string | undefined {
    if (!ts.isPropertyAssignment(node) || node.name.getText() !== 'class') return undefined;
    const declaration = this.declarationOf(node.initializer);
    return declaration === undefined ? undefined : this.commandTypeByClass.get(declaration);
  }

  private commandsSentIn(node: ts.Node): string[] {
    return descendantsOf(node).flatMap((descendant) => this.commandSentBy(descendant) ?? []);
  }

  /** Object literals `{ type: '<DeclaredEventType>', data }`: the events a decision builds. */
  private eventTypesBuiltIn(node: ts.Node): string[] {
    return descendantsOf(node).flatMap((descendant) => {
      if (!ts.isObjectLiteralExpression(descendant) || propertyInitializer(descendant, 'data') === undefined) return [];
      const type = propertyInitializer(descendant, 'type');
      return type !== undefined && ts.isStringLiteralLike(type) && this.eventTypes.has(type.text) ? [type.text] : [];
    });
  }

  /** Tables named by their Drizzle declaration or in SQL text. */
  private tablesUsedIn(node: ts.Node): string[] {
    return descendantsOf(node).flatMap((descendant) => {
      if (ts.isIdentifier(descendant)) return this.tableNamedBy(descendant) ?? [];
      return ts.isStringLiteralLike(descendant) || ts.isTemplateLiteralToken(descendant) ? this.tablesInSql(descendant.text, SQL_READ_OR_WRITE) : [];
    });
  }

  /** Tables passed to Drizzle's `insert`, `update` or `delete`, or written by SQL text. */
  private tablesWrittenIn(node: ts.Node): string[] {
    return descendantsOf(node).flatMap((descendant) => {
      if (ts.isCallExpression(descendant) && ts.isPropertyAccessExpression(descendant.expression) && ['insert', 'update', 'delete'].includes(descendant.expression.name.text)) {
        const table = descendant.arguments[0];
        return table !== undefined && ts.isIdentifier(table) ? (this.tableNamedBy(table) ?? []) : [];
      }
      return ts.isStringLiteralLike(descendant) || ts.isTemplateLiteralToken(descendant) ? this.tablesInSql(descendant.text, SQL_WRITE) : [];
    });
  }

  /** Only declared tables: SQL-looking words in messages ("update the profile") name none. */
  private tablesInSql(text: string, pattern: RegExp): string[] {
    return [...text.matchAll(pattern)].map((match) => match[1]!.toLowerCase()).filter((table) => this.declaredTables.has(table));
  }

  private tableNamedBy(identifier: ts.Identifier): string | undefined {
    const declaration = this.declarationOf(identifier);
    return declaration === undefined ? undefined : this.tableNameByDeclaration.get(declaration);
  }

  private declaredNameOf(node: ts.Expression): string {
    const declaration = this.declarationOf(node);
    return declaration === undefined ? node.getText() : nameOf(declaration);
  }

  private declarationOf(node: ts.Node): ts.Declaration | undefined {
    if (this.declarations.has(node)) return this.declarations.get(node);
    let symbol = this.checker.getSymbolAtLocation(node);
    if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    const declaration = symbol?.declarations?.[0];
    this.declarations.set(node, declaration);
    return declaration;
  }

  private stringLiteralOfProperty(type: ts.Type, property: string): string | undefined {
    const symbol = type.getProperty(property);
    const propertyType = symbol === undefined ? undefined : this.checker.getTypeOfSymbol(symbol);
    return propertyType?.isStringLiteral() ? propertyType.value : undefined;
  }

  /** The file holding `node`, relative to `src/`, as a reader opens it. */
  private fileOf(node: ts.Node): string {
    return toPosix(relative(this.sourceRoot, node.getSourceFile().fileName));
  }

  private isOwnSource(node: ts.Node): boolean {
    return isInside(node.getSourceFile().fileName, this.sourceRoot);
  }

  /** `write/user-registration` for a node in `src/module/write/user-registration/…`; null outside the slices. */
  private sliceOf(node: ts.Node): string | null {
    const [module, kind, folder] = toPosix(relative(this.sourceRoot, node.getSourceFile().fileName)).split('/');
    const isSlice = module === 'module' && SLICE_KINDS.includes(kind as SliceKind) && folder !== 'shared' && folder !== undefined && !folder.endsWith('.ts');
    return isSlice ? `${kind}/${folder}` : null;
  }

  private everyNode(visit: (node: ts.Node) => void): void {
    for (const file of this.sourceFiles) descendantsOf(file).forEach(visit);
  }
}

type Found<F> = Readonly<{ facts: F; reached: readonly ts.Node[] }>;

function isDecisionCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const method = node.expression.name.text;
  return (method === 'handle' && node.arguments.length === 3) || (method === 'handleOnState' && node.arguments.length === 4);
}

function streamCategoriesIn(node: ts.Node): string[] {
  return descendantsOf(node).flatMap((descendant) => {
    if (!ts.isCallExpression(descendant) || descendant.expression.getText() !== 'StreamName.of') return [];
    const category = descendant.arguments[0];
    return category !== undefined && ts.isStringLiteralLike(category) ? [category.text] : [];
  });
}

/** The calls chained after `call`: `call.a(…).b(…)` → a, b. */
function chainedCalls(call: ts.CallExpression): { name: string; call: ts.CallExpression }[] {
  const chain: { name: string; call: ts.CallExpression }[] = [];
  let current: ts.Node = call;
  while (ts.isPropertyAccessExpression(current.parent) && ts.isCallExpression(current.parent.parent) && current.parent.parent.expression === current.parent) {
    chain.push({ name: current.parent.name.text, call: current.parent.parent });
    current = current.parent.parent;
  }
  return chain;
}

function propertyInitializer(literal: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const property of literal.properties) {
    if (property.name?.getText() !== name) continue;
    if (ts.isPropertyAssignment(property)) return property.initializer;
    if (ts.isShorthandPropertyAssignment(property)) return property.name;
  }
  return undefined;
}

function decoratorsOf(node: ts.Node): readonly ts.Decorator[] {
  return ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : [];
}

function decoratorNames(node: ts.Node): string[] {
  return decoratorsOf(node).map((decorator) => (ts.isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression).getText());
}

function decoratorArguments(node: ts.Node, name: string): readonly ts.Expression[] | undefined {
  const decorator = decoratorsOf(node).find((candidate) => ts.isCallExpression(candidate.expression) && candidate.expression.expression.getText() === name);
  return decorator === undefined ? undefined : (decorator.expression as ts.CallExpression).arguments;
}

function nameOf(declaration: ts.Declaration): string {
  return ts.getNameOfDeclaration(declaration)?.getText() ?? '';
}

function outermostNamedDeclaration(node: ts.Node): string {
  const named = ancestorsOf(node).filter(
    (ancestor) => (ts.isClassDeclaration(ancestor) || ts.isFunctionDeclaration(ancestor) || ts.isVariableDeclaration(ancestor)) && ancestor.name !== undefined,
  );
  const outermost = named.at(-1) as ts.ClassDeclaration | ts.FunctionDeclaration | ts.VariableDeclaration | undefined;
  return outermost?.name?.getText() ?? '(module)';
}

/** The same shared code is looked through from many roots; its nodes are listed once. */
const descendantsCache = new WeakMap<ts.Node, readonly ts.Node[]>();

function descendantsOf(node: ts.Node): readonly ts.Node[] {
  const cached = descendantsCache.get(node);
  if (cached !== undefined) return cached;
  const found: ts.Node[] = [node];
  const visit = (child: ts.Node) => {
    found.push(child);
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  descendantsCache.set(node, found);
  return found;
}

function ancestorsOf(node: ts.Node): ts.Node[] {
  const ancestors: ts.Node[] = [];
  for (let current = node.parent; current !== undefined; current = current.parent) ancestors.push(current);
  return ancestors;
}

function usesGivenWhenThenDsl(file: string): boolean {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
  return source.statements.some(
    (statement) =>
      ts.isImportDeclaration(statement) &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      SDK_TESTING_ENTRY.test(statement.moduleSpecifier.text) &&
      statement.importClause?.namedBindings !== undefined &&
      ts.isNamedImports(statement.importClause.namedBindings) &&
      statement.importClause.namedBindings.elements.some((element) => GIVEN_WHEN_THEN_DSL.has(element.name.text)),
  );
}

/**
 * The names of a spec file's tests, in source order: the first argument of `it(…)`, `test(…)` and
 * their `.only`/`.skip`/`.each(…)` forms, when it is a string the file spells out. Read from the
 * syntax alone, so the list follows the specs with nothing to maintain beside them.
 */
function testNamesIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  return descendantsOf(source).flatMap((node) => {
    if (!ts.isCallExpression(node) || !isTestCallee(node.expression)) return [];
    const name = node.arguments[0];
    return name !== undefined && (ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) ? [name.text] : [];
  });
}

function isTestCallee(callee: ts.Expression): boolean {
  if (ts.isCallExpression(callee)) return EACH_TEST_FUNCTIONS.test(callee.expression.getText());
  return TEST_FUNCTIONS.test(callee.getText());
}

function compilerOptionsOf(tsconfigFile: string): ts.CompilerOptions {
  const { config, error } = ts.readConfigFile(tsconfigFile, (path) => ts.sys.readFile(path));
  if (error !== undefined) throw new Error(`Cannot read ${tsconfigFile}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  return { ...ts.parseJsonConfigFileContent(config, ts.sys, dirname(tsconfigFile)).options, noEmit: true };
}

function typeScriptFilesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return typeScriptFilesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function subfolders(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function isSpec(file: string): boolean {
  return /\.(int-)?spec\.ts$/.test(file);
}

function isInside(file: string, folder: string): boolean {
  const path = relative(folder, file);
  return path !== '' && !path.startsWith('..') && !path.startsWith(sep);
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}
