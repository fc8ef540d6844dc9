// The shim's own peer-protocol handler and contract router, used as they are; the package
// ships no typings for these internal modules.
declare module 'fabric-shim/lib/handler' {
  import type { peer } from '@hyperledger/fabric-protos';
  import type { ChaincodeInterface } from 'fabric-shim';

  /** What the handler needs of a gRPC duplex stream. */
  export interface ChaincodeMessageStream {
    write(message: peer.ChaincodeMessage): void;
    on(event: 'data', listener: (message: peer.ChaincodeMessage) => void): this;
    on(event: 'end' | 'error', listener: (...args: unknown[]) => void): this;
    end(): void;
  }

  export class ChaincodeMessageHandler {
    constructor(stream: ChaincodeMessageStream, chaincode: ChaincodeInterface);
    chat(register: peer.ChaincodeMessage): void;
  }
}

declare module 'fabric-shim/lib/contract-spi/chaincodefromcontract' {
  import type { ChaincodeInterface, ChaincodeResponse, ChaincodeStub } from 'fabric-shim';

  interface Serializers {
    transaction: string;
    serializers: Record<string, unknown>;
  }

  class ChaincodeFromContract implements ChaincodeInterface {
    constructor(
      contractClasses: Array<new () => object>,
      serializers: Serializers,
      metadata?: object,
      title?: string,
      version?: string,
    );
    Init(stub: ChaincodeStub): Promise<ChaincodeResponse>;
    Invoke(stub: ChaincodeStub): Promise<ChaincodeResponse>;
  }
  export = ChaincodeFromContract;
}

declare module 'fabric-shim/lib/logger' {
  export function setLevel(level: string): void;
  /** A winston logger; all of them share one console transport. */
  export function getLogger(name: string): { transports: Array<{ silent?: boolean }> };
}

declare module 'fabric-contract-api/lib/logger' {
  export function setLevel(level: string): void;
  export function getLogger(name: string): { transports: Array<{ silent?: boolean }> };
}
