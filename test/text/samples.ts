import ts from 'typescript';

/** A sample value for one parameter, and every other value it can take for a variant. */
type Samples = Record<string, Record<string, unknown[]>>;

/**
 * Sample values for every message's parameters, read from the English catalogue's types (so a
 * key added on another branch gets its samples too): a distinct number or string per parameter
 * (to be found again in what is rendered), each value of a union of literals, both booleans,
 * null where allowed, and a nested message for a `Said`.
 */
export function catalogueSamples(): Samples {
  const program = ts.createProgram(['src/text/en.ts'], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile('src/text/en.ts')!;
  const moduleSymbol = checker.getSymbolAtLocation(file)!;
  const en = checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'en')!;
  const enType = checker.getTypeOfSymbol(en);
  let counter = 0;
  const samples: Samples = {};
  for (const message of enType.getProperties()) {
    const type = checker.getTypeOfSymbol(message);
    const signature = type.getCallSignatures()[0];
    const param = signature?.getParameters()[0];
    if (!param) continue;
    const props: Record<string, unknown[]> = {};
    for (const prop of checker.getTypeOfSymbol(param).getProperties()) {
      props[prop.name] = valuesOf(
        checker,
        checker.getTypeOfSymbol(prop),
        prop.name,
        () => ++counter,
      );
    }
    samples[message.name] = props;
  }
  return samples;
}

const TIME = /^(since|at|resetsAt)$/;

function valuesOf(
  checker: ts.TypeChecker,
  type: ts.Type,
  name: string,
  next: () => number,
): unknown[] {
  const parts = type.isUnion() ? type.types : [type];
  const values: unknown[] = [];
  for (const t of parts) {
    if (t.flags & ts.TypeFlags.Null) values.push(null);
    else if (t.flags & ts.TypeFlags.BooleanLiteral) values.push(checker.typeToString(t) === 'true');
    else if (t.isStringLiteral()) values.push(t.value);
    else if (t.flags & ts.TypeFlags.Number)
      values.push(TIME.test(name) ? 1_700_000_000_000 + next() * 1000 : 7000 + next());
    else if (t.flags & ts.TypeFlags.String)
      values.push(
        name === 'userId' || name === 'channelId'
          ? (100000000000000000n + BigInt(next())).toString()
          : `Sample${next()}`,
      );
    else if (checker.isArrayType(t)) {
      const [element] = checker.getTypeArguments(t as ts.TypeReference);
      values.push(valuesOf(checker, element!, name, next).slice(0, 2));
    } else if (t.getProperty('key')) values.push({ key: 'imgpile.unreachable' });
  }
  // Booleans come as two literals; an optional value's undefined is left out.
  return values;
}
