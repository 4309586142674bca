import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// The names live in JSON so the dev stack (tools/dev/services/temporal.js) registers the same ones; a
// relative import, since workflow code is bundled on its own. temporal-names.spec.ts checks docker-compose.yml.
import names from './search-attributes.json';

/** Custom search attributes (Keyword) that make job workflows findable in Temporal UI: `SluiceDataset = 'people'`. */
export const datasetSearchAttribute = defineSearchAttributeKey(names.dataset, SearchAttributeType.KEYWORD);
export const statusSearchAttribute = defineSearchAttributeKey(names.status, SearchAttributeType.KEYWORD);
