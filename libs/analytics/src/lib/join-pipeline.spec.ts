import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { FieldType } from '@sluice/contracts';
import { emailEngagementPipeline, findDataset, pipelineColumns, pipelineDatasets } from '@sluice/core';

import { withDuckDb } from './duckdb-session';
import { JoinPipelineInput, joinPipeline as joinIn } from './join-pipeline';

const joinPipeline = (input: JoinPipelineInput) => withDuckDb(async (db) => (await joinIn(db, input)).stats);

const fieldTypes: Record<string, Record<string, FieldType>> = Object.fromEntries(
  pipelineDatasets(emailEngagementPipeline).map((name) => [name, Object.fromEntries((findDataset(name)?.fields ?? []).map((f) => [f.name, f.type]))]),
);

describe('joinPipeline', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sluice-join-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const csv = (name: string, lines: string[]) => {
    const path = join(dir, `${name}.csv`);
    writeFileSync(path, lines.join('\n') + '\n');
    return path;
  };

  it('sums opens per email and send date, then adds contacts by email and accounts by domain', async () => {
    const files = {
      email_sends: csv('sends', [
        'recipient_email,domain,date_sent,campaign,subject,sender,list_name',
        'ann@acme.com,acme.com,2026-01-05,launch,,,',
        'ann@acme.com,acme.com,2026-01-06,launch,,,',
        'bob@beta.io,beta.io,2026-01-05,launch,,,',
      ]),
      email_opens: csv('opens', [
        'recipient_email,date_sent,open_count,clicks,first_opened_at,device,location',
        'ANN@acme.com,2026-01-05,2,1,2026-01-05T10:00:00.000Z,,',
        'ann@acme.com,2026-01-05,3,,2026-01-05T09:00:00.000Z,,',
        'bob@beta.io,2026-01-09,1,0,,,',
      ]),
      contacts: csv('contacts', ['email,first_name,last_name,job_title,company_name,domain,phone', 'ann@acme.com,Ann,Lee,CTO,Acme,acme.com,']),
    };
    const output = join(dir, 'final.csv');
    const records = join(dir, 'records.ndjson');
    const stats = await joinPipeline({
      ...emailEngagementPipeline,
      files,
      fieldTypes,
      output,
      records: { output: records, types: pipelineColumns(emailEngagementPipeline, findDataset) },
    });

    expect(stats).toEqual({ rowsOut: 3, matched: { email_opens: 1, contacts: 2, accounts: 0 } });
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'recipient_email,domain,date_sent,campaign,subject,sender,list_name,open_count,clicks,first_opened_at,first_name,last_name,job_title,company_name,account_name,industry,region,employee_count',
    );
    // Two open rows of ann on 5 Jan fold into one (5 opens, 1 click, earliest open); bob's opens were for another send date.
    expect(lines).toContain('ann@acme.com,acme.com,2026-01-05,launch,,,,5,1,2026-01-05T09:00:00.000Z,Ann,Lee,CTO,Acme,,,,');
    expect(lines).toContain('ann@acme.com,acme.com,2026-01-06,launch,,,,,,,Ann,Lee,CTO,Acme,,,,');
    expect(lines).toContain('bob@beta.io,beta.io,2026-01-05,launch,,,,,,,,,,,,,,');
    const first = JSON.parse(readFileSync(records, 'utf8').split('\n')[0]);
    expect(first).toMatchObject({ recipient_email: 'ann@acme.com', open_count: 5, clicks: 1 });
  });

  it('drops unmatched base rows on an inner join', async () => {
    const files = {
      email_sends: csv('sends', ['recipient_email,domain,date_sent', 'ann@acme.com,acme.com,2026-01-05', 'bob@beta.io,beta.io,2026-01-05']),
      accounts: csv('accounts', ['domain,account_name', 'beta.io,Beta']),
    };
    const pipeline = {
      base: 'email_sends',
      joins: [{ dataset: 'accounts', type: 'inner' as const, on: [{ left: 'domain', right: 'domain' }], columns: [{ field: 'account_name', aggregate: 'any' as const }] }],
    };
    const output = join(dir, 'inner.csv');
    expect(await joinPipeline({ ...pipeline, files, fieldTypes, output })).toEqual({ rowsOut: 1, matched: { accounts: 1 } });
    expect(readFileSync(output, 'utf8')).toBe('recipient_email,domain,date_sent,account_name\nbob@beta.io,beta.io,2026-01-05,Beta\n');
  });

  it('joins a 20,000-column base with a 5 MB cell, keeping its row order', async () => {
    const kept = Array.from({ length: 19_997 }, (_, i) => `kept_${i}`);
    const huge = 'y'.repeat(5 * 1024 * 1024);
    const files = {
      email_sends: csv('sends', [
        ['recipient_email', 'domain', 'date_sent', ...kept].join(','),
        ...['c', 'a', 'b'].map((who) => [`${who}@x.io`, 'x.io', '2026-01-05', ...kept.map(() => (who === 'a' ? huge.slice(0, 10) : ''))].join(',')),
      ]),
      accounts: csv('accounts', ['domain,account_name', `x.io,"${huge}"`]),
    };
    const pipeline = {
      base: 'email_sends',
      joins: [{ dataset: 'accounts', type: 'left' as const, on: [{ left: 'domain', right: 'domain' }], columns: [{ field: 'account_name', aggregate: 'any' as const }] }],
    };
    const output = join(dir, 'wide.csv');
    expect(await joinPipeline({ ...pipeline, files, fieldTypes, output })).toEqual({ rowsOut: 3, matched: { accounts: 3 } });
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    expect(lines[0].split(',')).toHaveLength(20_001);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['c@x.io', 'a@x.io', 'b@x.io']);
    expect(lines[1].endsWith(`,${huge}`)).toBe(true);
  }, 120_000);
});
