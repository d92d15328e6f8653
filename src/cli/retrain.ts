import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { ModerationSettings } from '../config/config';
import { AbuseModelFile, loadAbuseModel } from '../modules/comments/pipeline/scorer/abuse-model';
import { Figures, figures, isHeldOut, labelFor, scoredBy, trainingLine } from '../modules/comments/pipeline/scorer/retrain-data';
import type { LocalModels } from '../modules/comments/pipeline/scorer/scorer';
import type { DecisionExample, ModelKind, ScorerModelsRepository } from '../modules/comments/pipeline/scorer/scorer-models.repository';
import { loadSpamModel, SpamModelFile } from '../modules/comments/pipeline/scorer/spam-model';

export interface RetrainOptions {
  since: Date;
  /** Share of the site's decisions kept out of training to compare the models on. */
  holdoutPercent: number;
  kinds: ModelKind[];
  /** Base data directories for the trainers (their defaults: ../shared/data/tweeteval and youtube-spam). */
  abuseData?: string;
  spamData?: string;
  modelDir: string;
  /** Train and compare, but record nothing (instances keep their models). */
  dryRun: boolean;
  /** Also write every exported decision, with its label and the model version that scored it, as JSON lines. */
  exportFile?: string;
  version?: string;
  log: (line: string) => void;
}

export interface KindReport {
  kind: ModelKind;
  train: number;
  heldOut: number;
  file: string;
  before: Figures;
  after: Figures;
}

export interface RetrainReport {
  version: string;
  decisions: number;
  recorded: boolean;
  models: KindReport[];
}

const TRAINERS: Record<ModelKind, string> = { abuse: 'scripts/train-abuse-model.mjs', spam: 'scripts/train-spam-model.mjs' };

/** The checkout's root: the scripts/ folder with the trainers sits beside src/ (and dist/). */
function repositoryRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, TRAINERS.abuse))) return dir;
  throw new Error('the trainers (scripts/train-*-model.mjs) are not here: run npm run retrain from a Parley checkout');
}

/**
 * `npm run retrain`: exports the site's approved and rejected comments since a date, retrains the
 * local models on them plus the base data (the repository's own trainers, in child processes),
 * compares the models in use with the new ones on a held-out slice of the site's decisions,
 * writes the new files to the model directory and records them in PostgreSQL, where every
 * instance finds them within MOD_MODEL_CHECK_SECONDS.
 */
export async function retrain(repository: ScorerModelsRepository, current: LocalModels, settings: ModerationSettings, o: RetrainOptions): Promise<RetrainReport> {
  const decisions = await repository.decisionsSince(o.since);
  if (decisions.length === 0) throw new Error(`no approved or rejected comments since ${o.since.toISOString()}`);
  const version = o.version ?? `site-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
  if (o.exportFile) writeExport(o.exportFile, decisions, o.holdoutPercent);
  mkdirSync(o.modelDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'parley-retrain-'));
  try {
    const models: KindReport[] = [];
    for (const kind of o.kinds) models.push(await retrainOne(kind, decisions, current, settings, o, version, work));
    if (!o.dryRun) {
      await repository.insertVersion(
        models.map((m) => ({
          kind: m.kind,
          version,
          file: m.file,
          model: readFileSync(join(o.modelDir, m.file), 'utf8'),
          evaluation: { before: m.before, after: m.after, train: m.train, heldOut: m.heldOut, since: o.since.toISOString() },
        })),
      );
    }
    return { version, decisions: decisions.length, recorded: !o.dryRun, models };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function retrainOne(kind: ModelKind, decisions: DecisionExample[], current: LocalModels, settings: ModerationSettings, o: RetrainOptions, version: string, work: string): Promise<KindReport> {
  const labelled = decisions.flatMap((d) => {
    const y = labelFor(kind, d);
    return y === null ? [] : [{ d, y }];
  });
  const heldOut = labelled.filter((e) => isHeldOut(e.d.commentId, o.holdoutPercent));
  const train = labelled.filter((e) => !isHeldOut(e.d.commentId, o.holdoutPercent));
  const extra = join(work, `${kind}.tsv`);
  writeFileSync(extra, train.map((e) => trainingLine(e.y, e.d.text)).join('\n') + '\n');
  const file = `${kind}-${version}.json`;
  const args = ['--extra', extra, '--out', resolve(o.modelDir, file), '--version', version];
  const data = kind === 'abuse' ? o.abuseData : o.spamData;
  if (data) args.push('--data', resolve(data));
  o.log(`training the ${kind} model on the base data and ${train.length} of the site's decisions (${heldOut.length} held out)…`);
  await runTrainer(TRAINERS[kind], args, o.log);

  const written = JSON.parse(readFileSync(join(o.modelDir, file), 'utf8')) as unknown;
  const next = kind === 'abuse' ? loadAbuseModel(written as AbuseModelFile) : loadSpamModel(written as SpamModelFile);
  const before = kind === 'abuse' ? current.abuseProbability : current.spamProbability;
  const thresholds = kind === 'abuse' ? { hold: settings.abuseHoldThreshold, flag: settings.abuseFlagThreshold } : { hold: settings.spamThreshold, flag: settings.spamFlagThreshold };
  return {
    kind,
    train: train.length,
    heldOut: heldOut.length,
    file,
    before: figures(heldOut.map((e) => ({ s: before(e.d.text), y: e.y })), thresholds),
    after: figures(heldOut.map((e) => ({ s: next(e.d.text), y: e.y })), thresholds),
  };
}

function runTrainer(script: string, args: string[], log: (line: string) => void): Promise<void> {
  const root = repositoryRoot();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(root, script), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const forward = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-2000);
      for (const line of chunk.toString().split('\n')) if (line.trim() !== '') log(`  ${line}`);
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${script} failed (exit ${code}): ${tail.trim().split('\n').at(-1) ?? ''}`))));
  });
}

function writeExport(file: string, decisions: DecisionExample[], holdoutPercent: number): void {
  const lines = decisions.map((d) =>
    JSON.stringify({
      commentId: d.commentId,
      action: d.action,
      reason: d.reason,
      decidedAt: d.decidedAt.toISOString(),
      abuse: labelFor('abuse', d),
      spam: labelFor('spam', d),
      heldOut: isHeldOut(d.commentId, holdoutPercent),
      scoredBy: scoredBy(d.scorer),
      text: d.text,
    }),
  );
  writeFileSync(file, lines.join('\n') + '\n');
}

/** The comparison as a few lines for people. */
export function describeReport(r: RetrainReport): string[] {
  const f = (x: number | null) => (x === null ? '  -  ' : x.toFixed(3));
  const row = (label: string, x: Figures) =>
    `    ${label.padEnd(7)} AUC ${f(x.auc)}  hold ≥ ${x.hold.threshold}: precision ${f(x.hold.precision)} recall ${f(x.hold.recall)} (${x.hold.held} held)` +
    `  flag ≥ ${x.flag.threshold}: precision ${f(x.flag.precision)} recall ${f(x.flag.recall)}`;
  const out = [`version ${r.version}: ${r.decisions} decisions exported`];
  for (const m of r.models) {
    out.push(`  ${m.kind}: trained with ${m.train} of the site's decisions; held out ${m.heldOut} (${m.before.positives} ${m.kind === 'abuse' ? 'abusive' : 'spam'})`);
    out.push(row('before', m.before), row('after', m.after));
  }
  out.push(r.recorded ? 'recorded: every instance loads the new models within MOD_MODEL_CHECK_SECONDS' : 'dry run: nothing recorded; instances keep their models');
  return out;
}
