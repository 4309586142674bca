import { parse } from 'csv-parse/sync';

import { CsvFileValidator } from '../../validation/csv-file-validator';
import { findDataset, listDatasets } from '../dataset-registry';

function run(dataset: string, csv: string) {
  const validator = new CsvFileValidator(findDataset(dataset)!);
  const rows = parse(csv) as string[][];
  const outcomes = rows.flatMap((cells, index) => validator.accept(cells, index + 1));
  outcomes.push(...validator.finish());
  return { validator, results: outcomes.map((o) => o.result) };
}

describe('dataset presets', () => {
  it('ships one preset per seed use case, with unique, typed fields', () => {
    expect(listDatasets().map((d) => d.name)).toEqual(['sensor_readings', 'company', 'people', 'email_sends', 'email_opens', 'contacts', 'accounts', 'transactions']);
    for (const dataset of listDatasets()) {
      const names = dataset.fields.map((f) => f.name);
      expect(new Set(names).size).toBe(names.length);
      for (const field of dataset.fields) for (const source of field.deriveDomainFrom ?? []) expect(names).toContain(source);
      for (const key of dataset.dedupe?.keys ?? []) for (const field of key) expect(names).toContain(field);
      if (dataset.dedupe?.fuzzy) expect(names).toContain(dataset.dedupe.fuzzy.field);
    }
  });

  it('reads a messy people export: synonyms, title-cased names, lower-cased email, domain derived from the email', () => {
    const { validator, results } = run('people', 'FName,Surname,E-mail,Title\njohn,MCDONALD, John@Acme.COM ,CTO\n');
    expect(results).toEqual([
      {
        ok: true,
        record: { first_name: 'John', last_name: 'McDonald', email: 'john@acme.com', job_title: 'CTO', company_domain: 'acme.com' },
      },
    ]);
    expect(validator.cleaned).toEqual({ case: 3, whitespace: 1, domain_derived: 1 });
  });

  it('reads a company list with website URLs and employee counts with separators', () => {
    const { results } = run('company', 'Company,Website,Employees\nAcme Inc,https://www.acme.com/about,"1,200"\n');
    expect(results).toEqual([{ ok: true, record: { company_name: 'Acme Inc', company_domain: 'acme.com', employee_count: 1200 } }]);
  });

  it('reads seed 000 sends with day-first dates and seed 003 transactions with currency', () => {
    const sends = run('email_sends', 'Email,Sent Date\na@x.io,31/01/2024\nb@y.io,01/02/2024\n').results;
    expect(sends).toEqual([
      { ok: true, record: { recipient_email: 'a@x.io', date_sent: '2024-01-31', domain: 'x.io' } },
      { ok: true, record: { recipient_email: 'b@y.io', date_sent: '2024-02-01', domain: 'y.io' } },
    ]);
    const transactions = run('transactions', 'user,model,tokens,amount,created at\nu1,gpt,"12,000",$0.42,2024-03-01T10:00:00Z\n').results;
    expect(transactions).toEqual([{ ok: true, record: { user: 'u1', model_name: 'gpt', token_count: 12000, cost: 0.42, timestamp: '2024-03-01T10:00:00.000Z' } }]);
  });

  it('refuses a file none of whose columns match the dataset', () => {
    expect(() => run('people', 'colour,shape\nred,round\n')).toThrow('No column matches a field of "people". Headers seen: colour, shape');
  });
});
