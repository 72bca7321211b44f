/* global process, console */
// Generates apps/api/src/openapi/response-schemas.generated.json from the TypeScript types the
// API controllers really return, and the errors their code paths can throw.
//   node scripts/openapi-responses.mjs          write the file
//   node scripts/openapi-responses.mjs --check  fail when the file is stale
// Controllers leave their return type to inference; the schema comes from the types of
// the expressions they return, so one place (the service's view type) stays the source of truth.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = join(root, 'apps/api/src/openapi/response-schemas.generated.json');
const HTTP_METHODS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);
/** Nest's own exceptions, by class name. */
const NEST_STATUS = {
  BadRequestException: 400,
  UnauthorizedException: 401,
  ForbiddenException: 403,
  NotFoundException: 404,
  ConflictException: 409,
  PayloadTooLargeException: 413,
  UnsupportedMediaTypeException: 415,
};

// The one table from error code to status (`CODE: HttpStatus.NAME,`, `CODE: CONFLICT,` or `CONFLICT,`).
const errorCodes = readFileSync(join(root, 'apps/api/src/http/error-status.ts'), 'utf8');
const statusTable = errorCodes.slice(errorCodes.indexOf('export const ERROR_STATUS'));
const STATUS_OF_CODE = Object.fromEntries(
  [...statusTable.matchAll(/^\s+([A-Z_]+)(?:: (?:HttpStatus\.)?([A-Z_]+))?,/gm)].map(
    ([, code, name]) => [code, httpStatus(name ?? code)],
  ),
);
function httpStatus(name) {
  const table = {
    BAD_REQUEST: 400,
    UNAUTHORIZED: 401,
    FORBIDDEN: 403,
    NOT_FOUND: 404,
    CONFLICT: 409,
    PAYLOAD_TOO_LARGE: 413,
    UNSUPPORTED_MEDIA_TYPE: 415,
    TOO_MANY_REQUESTS: 429,
    SERVICE_UNAVAILABLE: 503,
    INTERNAL_SERVER_ERROR: 500,
  };
  return table[name];
}

const configFile = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
const program = ts.createProgram({
  rootNames: parsed.fileNames.filter((f) => /\/(apps|libs)\//.test(f) && !f.endsWith('.spec.ts')),
  options: parsed.options,
});
const checker = program.getTypeChecker();
const isOwnSource = (file) => !file.isDeclarationFile && !file.fileName.includes('/node_modules/');

// ---- types to JSON schema -------------------------------------------------------------------

/** Component schemas by name, and the name given to each named type (by type id). */
const components = {};
const nameOfType = new Map();
const usedNames = new Map();

function decoratorsOf(node) {
  return ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : [];
}
function decoratorName(decorator) {
  const call = decorator.expression;
  const callee = ts.isCallExpression(call) ? call.expression : call;
  return ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : '';
}

function isNullish(type) {
  return (type.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) !== 0;
}

function componentName(type) {
  const symbol = type.aliasSymbol ?? type.getSymbol();
  if (!symbol) return null;
  const name = symbol.getName();
  if (!name || name.startsWith('__') || name === 'Array' || name === 'Promise') return null;
  const declaration = symbol.declarations?.[0];
  if (!declaration || !isOwnSource(declaration.getSourceFile())) return null;
  const args =
    (type.aliasSymbol ? type.aliasTypeArguments : checker.getTypeArguments?.(type)) ?? [];
  const argNames = args.map((a) => checker.typeToString(a).replace(/[^A-Za-z0-9]+/g, ''));
  return [name, ...argNames].join('Of');
}

function schemaOf(type, depth = 0) {
  if (depth > 12) return {};
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
  if (type.flags & ts.TypeFlags.BooleanLike) {
    if (type.flags & ts.TypeFlags.BooleanLiteral)
      return { type: 'boolean', enum: [checker.typeToString(type) === 'true'] };
    return { type: 'boolean' };
  }
  if (type.flags & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [type.value] };
  if (type.flags & ts.TypeFlags.NumberLiteral) return { type: 'number', enum: [type.value] };
  if (type.flags & ts.TypeFlags.StringLike) return { type: 'string' };
  if (type.flags & ts.TypeFlags.NumberLike) return { type: 'number' };
  if (type.flags & ts.TypeFlags.BigIntLike) return { type: 'string', format: 'int64' };
  if (isNullish(type)) return { nullable: true };
  if (type.isUnion()) return unionSchema(type.types, depth);
  if (type.isIntersection()) return { allOf: type.types.map((t) => schemaOf(t, depth + 1)) };
  if (checker.isArrayType(type) || checker.isTupleType(type)) {
    const args = checker.getTypeArguments(type);
    const items =
      args.length === 1
        ? schemaOf(args[0], depth + 1)
        : args.length
          ? unionSchema(args, depth)
          : {};
    return { type: 'array', items };
  }
  const symbolName = type.getSymbol()?.getName();
  if (symbolName === 'Date') return { type: 'string', format: 'date-time' };
  if (symbolName === 'Buffer' || symbolName === 'Uint8Array')
    return { type: 'string', format: 'binary' };
  if (symbolName === 'Promise') return schemaOf(checker.getAwaitedType(type) ?? type, depth);
  if (symbolName === 'Map' || symbolName === 'Set') return { type: 'object' };
  if (!(type.flags & ts.TypeFlags.Object)) return {};
  const name = componentName(type);
  if (!name) return objectSchema(type, depth);
  const known = nameOfType.get(type.id);
  if (known) return { $ref: `#/components/schemas/${known}` };
  let unique = name;
  for (let i = 2; usedNames.has(unique) && usedNames.get(unique) !== type.id; i++)
    unique = `${name}${i}`;
  usedNames.set(unique, type.id);
  nameOfType.set(type.id, unique);
  components[unique] = {};
  components[unique] = objectSchema(type, depth);
  return { $ref: `#/components/schemas/${unique}` };
}

function unionSchema(types, depth) {
  const nullable = types.some(isNullish);
  const rest = types.filter((t) => !isNullish(t));
  let schema;
  if (rest.length && rest.every((t) => t.flags & ts.TypeFlags.StringLiteral))
    schema = { type: 'string', enum: rest.map((t) => t.value) };
  else if (rest.length && rest.every((t) => t.flags & ts.TypeFlags.NumberLiteral))
    schema = { type: 'number', enum: rest.map((t) => t.value) };
  else if (rest.length && rest.every((t) => t.flags & ts.TypeFlags.BooleanLike))
    schema = { type: 'boolean' };
  else if (rest.length === 1) schema = schemaOf(rest[0], depth + 1);
  else if (rest.length === 0) schema = {};
  else {
    const options = rest.map((t) => schemaOf(t, depth + 1));
    const distinct = [...new Map(options.map((o) => [JSON.stringify(o), o])).values()];
    schema = distinct.length === 1 ? distinct[0] : { oneOf: distinct };
  }
  if (!nullable) return schema;
  return schema.$ref || schema.oneOf
    ? { allOf: [schema], nullable: true }
    : { ...schema, nullable: true };
}

function objectSchema(type, depth) {
  const properties = {};
  const required = [];
  for (const property of checker.getPropertiesOfType(type)) {
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    if (!declaration) continue;
    if (
      ts.isMethodDeclaration(declaration) ||
      ts.isMethodSignature(declaration) ||
      ts.isGetAccessor(declaration)
    )
      continue;
    if (
      ts.isPropertyDeclaration(declaration) &&
      declaration.modifiers?.some(
        (m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.StaticKeyword,
      )
    )
      continue;
    const propertyType = checker.getTypeOfSymbolAtLocation(property, declaration);
    if (propertyType.getCallSignatures().length > 0) continue;
    const optional =
      (property.flags & ts.SymbolFlags.Optional) !== 0 ||
      (propertyType.isUnion() && propertyType.types.some((t) => t.flags & ts.TypeFlags.Undefined));
    properties[property.getName()] = schemaOf(propertyType, depth + 1);
    if (!optional) required.push(property.getName());
  }
  const schema = { type: 'object', properties };
  if (required.length) schema.required = required;
  const index = checker.getIndexInfosOfType(type)[0];
  if (index) schema.additionalProperties = schemaOf(index.type, depth + 1);
  return schema;
}

// ---- errors a route's code can throw --------------------------------------------------------

function statusOfConstruction(expression, seenClasses = new Set()) {
  const symbol = checker.getSymbolAtLocation(expression.expression);
  const target =
    symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const name = target?.getName();
  if (!target || !name) return null;
  if (name === 'DomainException') {
    const code = expression.arguments?.[0];
    return code && ts.isStringLiteralLike(code) ? (STATUS_OF_CODE[code.text] ?? null) : null;
  }
  const declaration = target.declarations?.find(ts.isClassDeclaration);
  if (!declaration || !isOwnSource(declaration.getSourceFile())) return NEST_STATUS[name] ?? null;
  if (seenClasses.has(declaration)) return null;
  seenClasses.add(declaration);
  // A lib's error class over its own codes (`new WorkflowError('STEP_CHANGED', …)`) takes the code as is.
  const ownConstructor = declaration.members.some(ts.isConstructorDeclaration);
  const given = expression.arguments?.[0];
  if (!ownConstructor && given && ts.isStringLiteralLike(given) && STATUS_OF_CODE[given.text])
    return STATUS_OF_CODE[given.text];
  // A subclass names its code in super(...), or inherits it.
  let found = null;
  const visit = (node) => {
    if (found) return;
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) {
      const code = node.arguments[0];
      if (code && ts.isStringLiteralLike(code)) found = STATUS_OF_CODE[code.text] ?? null;
    }
    ts.forEachChild(node, visit);
  };
  visit(declaration);
  if (found) return found;
  const heritage = declaration.heritageClauses?.[0]?.types[0];
  if (heritage)
    return statusOfConstruction({ expression: heritage.expression, arguments: [] }, seenClasses);
  return null;
}

/** Every error status thrown by the code reachable from a function, through calls into our own sources. */
function thrownStatuses(start, maxDepth = 8) {
  const statuses = new Set();
  const visited = new Set();
  const queue = [[start, 0]];
  while (queue.length) {
    const [fn, depth] = queue.shift();
    if (visited.has(fn)) continue;
    visited.add(fn);
    const visit = (node) => {
      if (ts.isNewExpression(node)) {
        const status = statusOfConstruction(node);
        if (status) statuses.add(status);
      }
      if (depth < maxDepth && (ts.isCallExpression(node) || ts.isNewExpression(node))) {
        const signature = checker.getResolvedSignature(node);
        const declaration = signature?.getDeclaration?.();
        if (declaration && isOwnSource(declaration.getSourceFile()) && declaration.body)
          queue.push([declaration, depth + 1]);
      }
      ts.forEachChild(node, visit);
    };
    if (fn.body) visit(fn.body);
  }
  return statuses;
}

// ---- controllers ----------------------------------------------------------------------------

function returnedTypes(method) {
  const types = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && node !== method) return;
    if (ts.isReturnStatement(node) && node.expression)
      types.push(checker.getTypeAtLocation(node.expression));
    ts.forEachChild(node, visit);
  };
  if (method.body) visit(method.body);
  return types;
}

function successType(method) {
  const signature = checker.getSignatureFromDeclaration(method);
  const declared = checker.getAwaitedType(checker.getReturnTypeOfSignature(signature));
  // `object`, `object[]`, `Record<string, unknown>`: the returned expressions say more.
  const vague =
    !declared ||
    declared.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown) ||
    /\bobject\b|Record<string, unknown>/.test(checker.typeToString(declared));
  if (!vague) return declared;
  const returned = returnedTypes(method).map((t) => checker.getAwaitedType(t) ?? t);
  if (returned.length === 0) return declared;
  return returned.length === 1 ? returned[0] : (checker.getUnionType?.(returned) ?? returned[0]);
}

function literalArguments(decorator) {
  const call = decorator.expression;
  return ts.isCallExpression(call) ? call.arguments : [];
}

const operations = {};
for (const file of program.getSourceFiles()) {
  if (!isOwnSource(file) || !/\/(apps|libs)\//.test(file.fileName)) continue;
  ts.forEachChild(file, (node) => {
    if (!ts.isClassDeclaration(node) || !node.name) return;
    const classDecorators = decoratorsOf(node).map(decoratorName);
    if (
      !classDecorators.includes('Controller') ||
      classDecorators.includes('PortalController') ||
      classDecorators.includes('ApiExcludeController')
    )
      return;
    const classPublic = classDecorators.includes('Public');
    const classRoles = classDecorators.includes('Roles');
    for (const member of node.members) {
      if (!ts.isMethodDeclaration(member) || !member.name || !ts.isIdentifier(member.name))
        continue;
      const decorators = decoratorsOf(member);
      const names = decorators.map(decoratorName);
      const http = names.find((n) => HTTP_METHODS.has(n));
      if (!http || names.includes('ApiExcludeEndpoint')) continue;
      const httpCode = decorators.find((d) => decoratorName(d) === 'HttpCode');
      const status = httpCode
        ? Number(literalArguments(httpCode)[0]?.getText())
        : http === 'Post'
          ? 201
          : 200;
      const produces = decorators
        .filter((d) => decoratorName(d) === 'ApiProduces')
        .flatMap((d) =>
          literalArguments(d)
            .filter(ts.isStringLiteralLike)
            .map((a) => a.text),
        );
      const parameters = member.parameters.flatMap((p) => decoratorsOf(p).map(decoratorName));
      const errors = thrownStatuses(member);
      if (parameters.some((p) => p === 'Body' || p === 'Query' || p === 'Param')) errors.add(400);
      if (parameters.includes('Param')) errors.add(404);
      if (!classPublic && !names.includes('Public')) errors.add(401);
      if (classRoles || names.includes('Roles')) errors.add(403);
      if (names.includes('RateLimited')) errors.add(429);
      const type = successType(member);
      const body = status === 204 || type.flags & ts.TypeFlags.Void ? null : schemaOf(type);
      operations[`${node.name.text}_${member.name.text}`] = {
        file: relative(root, file.fileName),
        status,
        ...(produces.length ? { produces } : {}),
        ...(body ? { schema: body } : {}),
        errors: [...errors].sort(),
      };
    }
  });
}

const sorted = (object) =>
  Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
const output =
  JSON.stringify({ operations: sorted(operations), schemas: sorted(components) }, null, 1) + '\n';
if (process.argv.includes('--check')) {
  const current = readFileSync(OUTPUT, 'utf8');
  if (current !== output) {
    console.error(`${relative(root, OUTPUT)} is stale: run node scripts/openapi-responses.mjs`);
    process.exit(1);
  }
  console.log(
    `${relative(root, OUTPUT)} is up to date (${Object.keys(operations).length} operations)`,
  );
} else {
  writeFileSync(OUTPUT, output);
  console.log(
    `wrote ${relative(root, OUTPUT)}: ${Object.keys(operations).length} operations, ${Object.keys(components).length} schemas`,
  );
}
