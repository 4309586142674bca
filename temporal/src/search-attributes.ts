import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Names kept in step with SEARCH_ATTRIBUTES in @sluice/contracts; the server must have them registered.
export const datasetSearchAttribute = defineSearchAttributeKey('SluiceDataset', SearchAttributeType.KEYWORD);
export const statusSearchAttribute = defineSearchAttributeKey('SluiceStatus', SearchAttributeType.KEYWORD);
