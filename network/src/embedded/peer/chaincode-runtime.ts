import { peer, ledger } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { JSONSerializer } from 'fabric-contract-api';
import { ChaincodeMessageHandler } from 'fabric-shim/lib/handler';
import ChaincodeFromContract from 'fabric-shim/lib/contract-spi/chaincodefromcontract';
import type { ChaincodeDefinition } from './chaincode-definition';
import { InProcessStream } from './in-process-stream';
import { QUERY_BATCH, type QueryPage, type TxSimulator } from './tx-simulator';
import type { HistoryEntry } from '../ledger/state-store';

const Type = peer.ChaincodeMessage.Type;

/** What the chaincode answered to one invocation. */
export interface InvocationResult {
  readonly status: number;
  readonly message: string;
  readonly payload: Buffer;
  readonly event?: { readonly name: string; readonly payload: Buffer };
}

/** How long a chaincode may take for one invocation (Fabric's `chaincode.executetimeout`). */
export const DEFAULT_EXECUTE_TIMEOUT_MS = 30_000;

interface TxContext {
  readonly simulator: TxSimulator;
  readonly history: Map<string, { entries: HistoryEntry[]; position: number }>;
  readonly resolve: (result: InvocationResult) => void;
  readonly reject: (error: Error) => void;
}

const contextKey = (channelId: string, txId: string): string => `${channelId}\u0000${txId}`;

/**
 * The peer's side of the chaincode protocol for one chaincode: it speaks the same
 * ChaincodeMessage conversation a Fabric peer speaks (REGISTER, READY, TRANSACTION,
 * GET_STATE, PUT_STATE, ..., COMPLETED) with fabric-shim's own handler and contract router.
 */
export class ChaincodeRuntime {
  readonly name: string;
  readonly #stream: InProcessStream;
  readonly #contexts = new Map<string, TxContext>();
  readonly #ready: Promise<void>;
  #markReady: () => void = () => undefined;
  #nextHistoryId = 0;
  #closed = false;
  readonly #executeTimeoutMs: number;

  private constructor(definition: ChaincodeDefinition, executeTimeoutMs: number) {
    this.name = definition.name;
    this.#executeTimeoutMs = executeTimeoutMs;
    this.#ready = new Promise((resolve) => (this.#markReady = resolve));
    this.#stream = new InProcessStream((message) => void this.#receive(message));
    const chaincode = new ChaincodeFromContract(
      [...definition.contracts],
      { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } },
      {},
      definition.name,
      definition.version ?? '1.0.0',
    );
    const handler = new ChaincodeMessageHandler(this.#stream, chaincode);
    const chaincodeId = new peer.ChaincodeID();
    chaincodeId.setName(definition.name);
    const register = new peer.ChaincodeMessage();
    register.setType(Type.REGISTER);
    register.setPayload(chaincodeId.serializeBinary());
    handler.chat(register);
  }

  /** Starts the chaincode and waits until it has registered and is ready. */
  static async start(
    definition: ChaincodeDefinition,
    executeTimeoutMs = DEFAULT_EXECUTE_TIMEOUT_MS,
  ): Promise<ChaincodeRuntime> {
    const runtime = new ChaincodeRuntime(definition, executeTimeoutMs);
    await runtime.#ready;
    return runtime;
  }

  /** Runs one transaction proposal through the chaincode against the given simulator. */
  invoke(
    channelId: string,
    txId: string,
    input: peer.ChaincodeInput,
    signedProposal: peer.SignedProposal,
    simulator: TxSimulator,
  ): Promise<InvocationResult> {
    const key = contextKey(channelId, txId);
    if (this.#contexts.has(key))
      return Promise.reject(new Error(`transaction ${txId} is already executing`));
    let timer: NodeJS.Timeout | undefined;
    return new Promise<InvocationResult>((resolve, reject) => {
      if (this.#closed) throw new Error(`chaincode ${this.name} is stopped`);
      timer = setTimeout(() => {
        reject(new Error(`timeout expired while executing transaction ${txId}`));
      }, this.#executeTimeoutMs);
      this.#contexts.set(key, { simulator, history: new Map(), resolve, reject });
      const message = this.#message(Type.TRANSACTION, channelId, txId, input.serializeBinary());
      message.setProposal(signedProposal);
      this.#stream.deliver(message);
    }).finally(() => {
      clearTimeout(timer);
      this.#contexts.delete(key);
    });
  }

  /** Stops the chaincode; invocations still running fail instead of waiting forever. */
  close(): void {
    this.#closed = true;
    this.#stream.end();
    for (const context of this.#contexts.values())
      context.reject(new Error(`chaincode ${this.name} was stopped`));
  }

  async #receive(message: peer.ChaincodeMessage): Promise<void> {
    const type = message.getType();
    const channelId = message.getChannelId();
    const txId = message.getTxid();
    if (type === Type.REGISTER) {
      this.#stream.deliver(this.#message(Type.REGISTERED, '', '', new Uint8Array()));
      this.#stream.deliver(this.#message(Type.READY, '', '', new Uint8Array()));
      this.#markReady();
      return;
    }
    const context = this.#contexts.get(contextKey(channelId, txId));
    if (!context) return; // a late message for a finished transaction, dropped as a peer would
    if (type === Type.COMPLETED) {
      let response: peer.Response;
      try {
        response = peer.Response.deserializeBinary(message.getPayload_asU8());
      } catch {
        context.reject(new Error('chaincode sent a malformed response'));
        return;
      }
      const event = message.getChaincodeEvent();
      context.resolve({
        status: response.getStatus(),
        message: response.getMessage(),
        payload: Buffer.from(response.getPayload_asU8()),
        ...(event && event.getEventName() !== ''
          ? { event: { name: event.getEventName(), payload: Buffer.from(event.getPayload_asU8()) } }
          : {}),
      });
      return;
    }
    if (type === Type.ERROR) {
      context.reject(new Error(Buffer.from(message.getPayload_asU8()).toString('utf8')));
      return;
    }
    try {
      const payload = await this.#serve(type, message.getPayload_asU8(), context);
      this.#stream.deliver(this.#message(Type.RESPONSE, channelId, txId, payload));
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.#stream.deliver(this.#message(Type.ERROR, channelId, txId, Buffer.from(text)));
    }
  }

  /** Answers one of the chaincode's requests about state during a transaction. */
  async #serve(type: number, payload: Uint8Array, context: TxContext): Promise<Uint8Array> {
    const simulator = context.simulator;
    switch (type) {
      case Type.GET_STATE:
        return getState(simulator, payload);
      case Type.GET_PRIVATE_DATA_HASH:
        return getPrivateDataHash(simulator, payload);
      case Type.PUT_STATE:
        return putState(simulator, payload);
      case Type.DEL_STATE:
        return deleteState(simulator, payload);
      case Type.PURGE_PRIVATE_DATA:
        return purgePrivateData(simulator, payload);
      case Type.GET_STATE_BY_RANGE:
        return openRange(simulator, payload);
      case Type.QUERY_STATE_NEXT:
        return nextQueryPage(context, payload);
      case Type.QUERY_STATE_CLOSE:
        return closeQuery(context, payload);
      case Type.GET_HISTORY_FOR_KEY:
        return this.#openHistory(context, payload);
      case Type.GET_STATE_METADATA:
        return new peer.StateMetadataResult().serializeBinary();
      default:
        throw unsupportedRequest(type);
    }
  }

  async #openHistory(context: TxContext, payload: Uint8Array): Promise<Uint8Array> {
    const key = peer.GetHistoryForKey.deserializeBinary(payload).getKey();
    const id = `h${this.#nextHistoryId++}`;
    const cursor = { entries: await context.simulator.history(key), position: 0 };
    context.history.set(id, cursor);
    return historyResponse(id, cursor);
  }

  #message(
    type: number,
    channelId: string,
    txId: string,
    payload: Uint8Array,
  ): peer.ChaincodeMessage {
    const message = new peer.ChaincodeMessage();
    message.setType(type as (typeof Type)[keyof typeof Type]);
    message.setChannelId(channelId);
    message.setTxid(txId);
    message.setPayload(payload);
    return message;
  }
}

async function getState(simulator: TxSimulator, payload: Uint8Array): Promise<Uint8Array> {
  const request = peer.GetState.deserializeBinary(payload);
  const collection = request.getCollection();
  return collection === ''
    ? simulator.getState(request.getKey())
    : simulator.getPrivateData(collection, request.getKey());
}

async function getPrivateDataHash(
  simulator: TxSimulator,
  payload: Uint8Array,
): Promise<Uint8Array> {
  const request = peer.GetState.deserializeBinary(payload);
  return simulator.getPrivateDataHash(request.getCollection(), request.getKey());
}

function putState(simulator: TxSimulator, payload: Uint8Array): Uint8Array {
  const request = peer.PutState.deserializeBinary(payload);
  const collection = request.getCollection();
  if (collection === '') simulator.putState(request.getKey(), request.getValue_asU8());
  else simulator.putPrivateData(collection, request.getKey(), request.getValue_asU8());
  return new Uint8Array();
}

function deleteState(simulator: TxSimulator, payload: Uint8Array): Uint8Array {
  const request = peer.DelState.deserializeBinary(payload);
  const collection = request.getCollection();
  if (collection === '') simulator.deleteState(request.getKey());
  else simulator.deletePrivateData(collection, request.getKey());
  return new Uint8Array();
}

function purgePrivateData(simulator: TxSimulator, payload: Uint8Array): Uint8Array {
  const request = peer.PurgePrivateState.deserializeBinary(payload);
  simulator.purgePrivateData(request.getCollection(), request.getKey());
  return new Uint8Array();
}

/** A range query; query metadata (a page size, a bookmark) makes it a paginated one. */
async function openRange(simulator: TxSimulator, payload: Uint8Array): Promise<Uint8Array> {
  const request = peer.GetStateByRange.deserializeBinary(payload);
  const metadataBytes = request.getMetadata_asU8();
  if (metadataBytes.length === 0) {
    const opened = await simulator.openRange(
      request.getCollection(),
      request.getStartkey(),
      request.getEndkey(),
    );
    return queryResponse(opened.id, opened.page);
  }
  const metadata = peer.QueryMetadata.deserializeBinary(metadataBytes);
  const opened = await simulator.openRange(
    request.getCollection(),
    request.getStartkey(),
    request.getEndkey(),
    metadata.getPagesize(),
    metadata.getBookmark(),
  );
  const responseMetadata = new peer.QueryResponseMetadata();
  responseMetadata.setFetchedRecordsCount(opened.fetched ?? 0);
  responseMetadata.setBookmark(opened.bookmark ?? '');
  return queryResponse(opened.id, opened.page, responseMetadata);
}

/** The next page of a range query or of a key's history, whichever `id` names. */
async function nextQueryPage(context: TxContext, payload: Uint8Array): Promise<Uint8Array> {
  const id = peer.QueryStateNext.deserializeBinary(payload).getId();
  const history = context.history.get(id);
  if (history) return historyResponse(id, history);
  return queryResponse(id, await context.simulator.nextPage(id));
}

async function closeQuery(context: TxContext, payload: Uint8Array): Promise<Uint8Array> {
  const id = peer.QueryStateClose.deserializeBinary(payload).getId();
  if (!context.history.delete(id)) await context.simulator.closeQuery(id);
  return queryResponse(id, { results: [], hasMore: false });
}

const UNSUPPORTED_REQUESTS: ReadonlyMap<number, string> = new Map([
  [Type.GET_QUERY_RESULT, 'ExecuteQuery not supported for leveldb'],
  [
    Type.PUT_STATE_METADATA,
    'key-level endorsement policies are not supported by the embedded peer',
  ],
  [
    Type.INVOKE_CHAINCODE,
    'chaincode-to-chaincode invocation is not supported by the embedded peer',
  ],
]);

function unsupportedRequest(type: number): Error {
  return new Error(UNSUPPORTED_REQUESTS.get(type) ?? `unsupported chaincode message type ${type}`);
}

function queryResponse(
  id: string,
  page: QueryPage,
  metadata?: peer.QueryResponseMetadata,
): Uint8Array {
  const response = new peer.QueryResponse();
  response.setId(id);
  response.setHasMore(page.hasMore);
  response.setResultsList(
    page.results.map(({ key, value }) => {
      const kv = new ledger.queryresult.KV();
      kv.setKey(key);
      kv.setValue(value);
      const bytes = new peer.QueryResultBytes();
      bytes.setResultbytes(kv.serializeBinary());
      return bytes;
    }),
  );
  if (metadata) response.setMetadata(metadata.serializeBinary());
  return response.serializeBinary();
}

function historyResponse(
  id: string,
  cursor: { entries: HistoryEntry[]; position: number },
): Uint8Array {
  const page = cursor.entries.slice(cursor.position, cursor.position + QUERY_BATCH);
  cursor.position += page.length;
  const response = new peer.QueryResponse();
  response.setId(id);
  response.setHasMore(cursor.position < cursor.entries.length);
  response.setResultsList(
    page.map((entry) => {
      const modification = new ledger.queryresult.KeyModification();
      modification.setTxId(entry.txId);
      modification.setValue(Buffer.from(entry.value, 'base64'));
      modification.setIsDelete(entry.isDelete);
      const timestamp = new Timestamp();
      timestamp.setSeconds(entry.timestamp.seconds);
      timestamp.setNanos(entry.timestamp.nanos);
      modification.setTimestamp(timestamp);
      const bytes = new peer.QueryResultBytes();
      bytes.setResultbytes(modification.serializeBinary());
      return bytes;
    }),
  );
  return response.serializeBinary();
}
