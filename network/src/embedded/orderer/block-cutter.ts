import type { EndorsedTransaction, Ledger } from '../ledger/ledger';
import type { Block, ValidationCode } from '../ledger/block';

export interface BatchOptions {
  /** Most transactions in one block (Fabric's BatchSize.MaxMessageCount). */
  readonly maxTransactions: number;
  /** Longest a transaction waits for its block to be cut (Fabric's BatchTimeout). */
  readonly timeoutMs: number;
}

export const DEFAULT_BATCH: BatchOptions = { maxTransactions: 500, timeoutMs: 2 };

export interface CommitStatus {
  readonly blockNumber: number;
  readonly txNumber: number;
  readonly validationCode: ValidationCode;
}

interface Pending {
  readonly endorsed: EndorsedTransaction;
  readonly resolve: (status: CommitStatus) => void;
  readonly reject: (reason: unknown) => void;
}

/** Orders transactions into blocks, cut at a maximum count or after a timeout, and commits them. */
export class BlockCutter {
  readonly #ledger: Ledger;
  readonly #options: BatchOptions;
  #pending: Pending[] = [];
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #inFlight = new Set<Promise<unknown>>();

  constructor(ledger: Ledger, options: BatchOptions) {
    if (!Number.isInteger(options.maxTransactions) || options.maxTransactions < 1) {
      throw new RangeError('maxTransactions must be a positive integer');
    }
    if (!(options.timeoutMs >= 0)) throw new RangeError('timeoutMs must be zero or more');
    this.#ledger = ledger;
    this.#options = options;
  }

  order(endorsed: EndorsedTransaction): Promise<CommitStatus> {
    if (this.#closed) return Promise.reject(new Error('the orderer is closed'));
    return new Promise((resolve, reject) => {
      this.#pending.push({ endorsed, resolve, reject });
      if (this.#pending.length >= this.#options.maxTransactions) this.#cut();
      else
        this.#timer ??= setTimeout(() => {
          this.#cut();
        }, this.#options.timeoutMs);
    });
  }

  /** Cuts what is pending and waits until every block handed to the ledger is committed. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#cut();
    await Promise.allSettled([...this.#inFlight]);
  }

  #cut(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, this.#options.maxTransactions);
      const commit = this.#ledger.commit(batch.map((p) => p.endorsed)).then(
        ({ block }) => {
          settleCommitted(batch, block);
        },
        (error: unknown) => {
          for (const p of batch) p.reject(error);
        },
      );
      this.#inFlight.add(commit);
      void commit.finally(() => this.#inFlight.delete(commit));
    }
  }
}

/** Tells each transaction of `batch` where it landed in `block`, and how it was validated. */
function settleCommitted(batch: readonly Pending[], block: Block): void {
  batch.forEach((p, txNumber) => {
    const validationCode = block.metadata.validationCodes[txNumber];
    if (validationCode === undefined)
      p.reject(
        new Error(
          `block ${block.header.number} has no validation code for transaction ${txNumber}`,
        ),
      );
    else p.resolve({ blockNumber: block.header.number, txNumber, validationCode });
  });
}
