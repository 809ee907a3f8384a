import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isInputObjectType, isObjectType, type GraphQLType } from 'graphql';

describe('schema.graphql', () => {
  it('types every store position and tree size as Float: GraphQL Int is 32-bit and positions pass 2^31', () => {
    const schema = buildSchema(readFileSync(new URL('../../../../schema.graphql', import.meta.url), 'utf8'));
    const offenders: string[] = [];
    let checked = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) && !isInputObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const fields = [field, ...('args' in field ? field.args : [])];
        for (const { name, type: fieldType } of fields) {
          const named = getNamedType(fieldType as GraphQLType).name;
          if (!/(^position$|Position$|^treeSize$|TreeSize$|^since$)/.test(name) || named === 'DateTime') continue;
          checked++;
          if (named !== 'Float') offenders.push(`${type.name}.${name}: ${String(fieldType)}`);
        }
      }
    }
    expect(offenders).toEqual([]);
    expect(checked).toBeGreaterThan(5);
  });
});
