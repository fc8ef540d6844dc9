import type { Block } from '../ledger/block';
import type { TransactionRecord } from '../ledger/ledger';
import type { ChaincodeEvent, CloseableAsyncIterable } from '../peer/chaincode-events';
import type { EmbeddedPeer, LedgerInfo } from '../peer/embedded-peer';
import { Contract } from './contract';
import type { Identity, Signer } from './identity';

export interface ConnectOptions {
  readonly peer: EmbeddedPeer;
  readonly identity: Identity;
  readonly signer: Signer;
}

/** A channel as seen through a gateway connection. */
export interface Network {
  readonly name: string;
  getContract(chaincodeName: string, contractName?: string): Contract;
  getChaincodeEvents(
    chaincodeName: string,
    options?: { startBlock?: number },
  ): CloseableAsyncIterable<ChaincodeEvent>;
  getLedgerInfo(): LedgerInfo;
  getBlock(number: number): Promise<Block>;
  getTransaction(txId: string): Promise<TransactionRecord | undefined>;
}

export interface Gateway {
  readonly identity: Identity;
  getNetwork(channelName: string): Network;
}

/** Connects an identity to the embedded peer, as fabric-gateway's `connect()` does to a Fabric Gateway. */
export function connect(options: ConnectOptions): Gateway {
  const { peer, identity, signer } = options;
  return {
    identity,
    getNetwork(channelName) {
      if (channelName !== peer.channel)
        throw new Error(`the peer does not serve channel ${channelName}`);
      return {
        name: channelName,
        getContract: (chaincodeName, contractName) =>
          new Contract(peer, identity, signer, chaincodeName, contractName),
        getChaincodeEvents: (chaincodeName, eventOptions) =>
          peer.chaincodeEvents(chaincodeName, eventOptions),
        getLedgerInfo: () => peer.ledgerInfo(),
        getBlock: (number) => peer.getBlock(number),
        getTransaction: (txId) => peer.getTransaction(txId),
      };
    },
  };
}
