// Module boundaries: a bounded module under src/ reaches another only through its facade
// (or its Nest module, for imports: [...]); libs/ stay framework-free and never reach into src/.
import tseslint from 'typescript-eslint';

/** The bounded modules of the design card (a module folder appears when its issue needs it). */
const MODULES = ['tenancy', 'auth', 'ingest', 'archive', 'intermediate-archive', 'final-archive', 'search', 'audit', 'preservation', 'console'];

const boundaryBlocks = MODULES.map((self) => ({
  files: [`src/${self}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: MODULES.filter((other) => other !== self).map((other) => ({
          regex: `(^|/)${other}/(?!${other}\\.(facade|module)$).+`,
          message: `Import the ${other} module only through ${other}.facade (module boundary).`,
        })),
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'var/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  ...boundaryBlocks,
  {
    files: ['src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: MODULES.map((m) => ({
            regex: `(^|/)${m}/`,
            message: 'platform/ is shared infrastructure and must not depend on bounded modules.',
          })),
        },
      ],
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^@nestjs/', message: 'libs/ are framework-free.' },
            { regex: '(^|/)src/', message: 'libs/ must not depend on the application.' },
            { regex: '^typeorm$', message: 'libs/ are framework-free.' },
          ],
        },
      ],
    },
  },
);
