import { register } from 'node:module';

register('./nest-ts-hooks.mjs', import.meta.url);
