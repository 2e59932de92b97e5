export * from './imgpile/index.js';
