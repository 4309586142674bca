import { temporal } from '@temporalio/proto';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

// A workflow history as Temporal's JSON (what `temporal workflow show --output json` and the UI export).
// The SDK's historyToJSON/historyFromJSON cannot be used here: @temporalio/common loads its own copy of
// protobufjs, whose ProtoJSON rejects @temporalio/proto's types ("type must be a Type"). The converter
// of the copy @temporalio/proto itself loads reads and writes the same JSON.

type History = temporal.api.history.v1.IHistory;

/** The part of protobufjs/ext/protojson used here (the workspace's own protobufjs is an older major without it). */
interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }): unknown;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const protojson: ProtoJson = require(require.resolve('protobufjs/ext/protojson', { paths: [require.resolve('@temporalio/proto')] }));
// The generated module's types lack the reflection the patch adds.
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType('temporal.api.history.v1.History');

export function historyToJson(history: History): unknown {
  return protojson.toJson(historyType, temporal.api.history.v1.History.fromObject(history));
}

/** The history a replay worker takes (its own JSON reader has the same trouble). */
export function historyFromJson(json: unknown): History {
  const history = protojson.fromJson(historyType, json, { ignoreUnknownFields: true });
  if (!history) throw new TypeError('Not a workflow history');
  return history as History;
}
