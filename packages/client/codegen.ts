import type { CodegenConfig } from '@graphql-codegen/cli';

/** Types and typed documents for the client's operations, from the committed schema (npm run client:codegen). */
const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: 'src/operations/*.graphql',
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        scalars: { DateTime: 'string', JSON: 'unknown' },
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        avoidOptionals: { field: true, inputValue: false, object: true },
      },
    },
  },
};

export default config;
