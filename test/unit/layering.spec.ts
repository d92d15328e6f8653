import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The lint's layering rule with the project's config (`eslint.config.mjs`): a file placed in a
 * module, importing another module, is refused or allowed by the layer order. The desk sits above
 * comments and flags (issue 14).
 */

const ROOT = resolve(__dirname, '..', '..');

interface Probe {
  /** Where the file would be (it need not exist). */
  path: string;
  source: string;
}

/**
 * The layering messages ESLint gives each probe, with the project's config, in one child process
 * (ESLint's config is ESM, which jest's sandbox does not load). no-cycle is switched off for the
 * probes: it walks the whole import graph, and these tests are about the layer zones.
 */
function layeringMessages(probes: Probe[]): Promise<string[][]> {
  const script = `
    const { ESLint } = require('eslint');
    const probes = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: { rules: { 'import-x/no-cycle': 'off' } } });
    Promise.all(probes.map((p) => eslint.lintText(p.source, { filePath: p.path }))).then((results) => {
      process.stdout.write(JSON.stringify(results.map(([r]) => r.messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message))));
    }, (err) => { console.error(err); process.exit(1); });`;
  return new Promise((done, fail) => {
    execFile(process.execPath, ['-e', script, JSON.stringify(probes)], { cwd: ROOT }, (error, stdout, stderr) => {
      if (error) fail(new Error(`eslint failed: ${stderr || error.message}`));
      else done(JSON.parse(stdout) as string[][]);
    });
  });
}

describe('module layering (lint)', () => {
  it('refuses imports of the misinformation desk from comments and from flags, saying why, and lets the desk import them', async () => {
    const [fromComments, fromFlags, fromDesk] = await layeringMessages([
      { path: 'src/modules/comments/probe.ts', source: "import { ClaimAttachmentService } from '../misinformation/desk/claim-attachment.service';\nexport const probe = ClaimAttachmentService;\n" },
      { path: 'src/modules/flags/probe.ts', source: "import { MisinformationModule } from '../misinformation/misinformation.module';\nexport const probe = MisinformationModule;\n" },
      {
        path: 'src/modules/misinformation/probe.ts',
        source: "import { CommentsModule } from '../comments/comments.module';\nimport { EventsModule } from '../events/events.module';\nexport const probe = [CommentsModule, EventsModule];\n",
      },
    ]);
    expect(fromComments).toContainEqual(expect.stringContaining('comments must not import the misinformation desk'));
    expect(fromFlags).toContainEqual(expect.stringContaining('flags must not import the misinformation desk'));
    expect(fromDesk).toEqual([]);
  });
});
