#!/usr/bin/env node
// Thin launcher: the CLI is compiled from generator/cli.ts into dist/ by `npm run prepare`.
import { main } from '../dist/generator/cli.js';

process.exitCode = await main(process.argv.slice(2));
