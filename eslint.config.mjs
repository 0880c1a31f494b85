// Lint for the plugin's TypeScript (server and admin) and the tests. Formatting is Prettier's job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['**/*.js', '**/*.mjs', '**/*.cjs', '**/dist/**', '**/node_modules/**', '.tmp/**', '.strapi/**', 'types/generated/**', 'build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/plugins/marketing-setup/**/*.{ts,tsx}', 'tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Prettier decides where lines break (it may put `[method](url)` on a line of its own).
      'no-unexpected-multiline': 'off',
    },
  },
  {
    // The plugin's own code: `any` only where Strapi's types force it, with a disable comment that says why.
    files: ['src/plugins/marketing-setup/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // Tests read loosely typed HTTP bodies; `any` there is the response, not a design choice.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/plugins/marketing-setup/admin/**/*.tsx', 'src/plugins/marketing-setup/admin/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
