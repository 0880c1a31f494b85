// Admin entry: the admin bundler (Vite) compiles the TSX source itself.
export { default } from './admin/src/index.tsx';
