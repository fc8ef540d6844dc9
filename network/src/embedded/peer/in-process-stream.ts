import { EventEmitter } from 'node:events';
import { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeMessageStream } from 'fabric-shim/lib/handler';

/**
 * The chaincode's end of a peer connection, in process. Every message crosses as bytes
 * (serialized, then parsed on the other side) so the chaincode sees exactly what a gRPC
 * stream from a peer would carry, and delivery is asynchronous as on a network.
 */
export class InProcessStream extends EventEmitter implements ChaincodeMessageStream {
  readonly #toPeer: (message: peer.ChaincodeMessage) => void;
  #closed = false;

  constructor(toPeer: (message: peer.ChaincodeMessage) => void) {
    super();
    this.#toPeer = toPeer;
  }

  /** Called by the shim: a message to the peer. */
  write(message: peer.ChaincodeMessage): void {
    if (this.#closed) throw new Error('chaincode stream is closed');
    const bytes = message.serializeBinary();
    queueMicrotask(() => {
      this.#toPeer(peer.ChaincodeMessage.deserializeBinary(bytes));
    });
  }

  /** Called by the peer: a message to the chaincode. */
  deliver(message: peer.ChaincodeMessage): void {
    if (this.#closed) return;
    const bytes = message.serializeBinary();
    queueMicrotask(() => this.emit('data', peer.ChaincodeMessage.deserializeBinary(bytes)));
  }

  end(): void {
    this.#closed = true;
  }
}
