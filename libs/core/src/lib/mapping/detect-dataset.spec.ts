import { accountsDataset, contactsDataset, emailOpensDataset, emailSendsDataset } from '../datasets/presets/email-campaign.datasets';
import { detectDataset } from './detect-dataset';

const candidates = [emailSendsDataset, emailOpensDataset, contactsDataset, accountsDataset];

describe('detectDataset', () => {
  it('tells the four seed 000 exports apart by their headers', () => {
    expect(detectDataset(['Recipient Email', 'Domain', 'Date Sent', 'Campaign'], candidates)?.dataset).toBe('email_sends');
    expect(detectDataset(['Email', 'Sent Date', 'Opens', 'Clicks'], candidates)?.dataset).toBe('email_opens');
    expect(detectDataset(['E-mail', 'First Name', 'Last Name', 'Company'], candidates)?.dataset).toBe('contacts');
    expect(detectDataset(['Website', 'Company Name', 'Industry', 'Employees'], candidates)?.dataset).toBe('accounts');
  });

  it('returns null when no dataset has all its required fields', () => {
    expect(detectDataset(['sku', 'price'], candidates)).toBeNull();
    const loose = { name: 'notes', label: 'Notes', fields: [{ name: 'note', type: 'string' as const, required: false }] };
    expect(detectDataset(['sku', 'price'], [...candidates, loose])).toBeNull();
  });
});
