import { ErrorDescription, Interface, type InterfaceAbi } from 'ethers';
import * as compiled from '@citytrust/contracts';

interface AbiFragment {
  readonly type: string;
  readonly name?: string;
  readonly inputs?: readonly { readonly type: string }[];
}

let errorInterface: Interface | undefined;

/**
 * Every custom error any compiled contract (or library) declares, from the typechain
 * factories, so a revert decodes whichever of them raised it.
 */
export function hubErrorInterface(): Interface {
  if (errorInterface) return errorInterface;
  const fragments = new Map<string, AbiFragment>();
  for (const factory of Object.values(compiled)) {
    const abi = (factory as { abi?: unknown }).abi;
    if (!Array.isArray(abi)) continue;
    for (const fragment of abi as AbiFragment[])
      if (fragment.type === 'error')
        fragments.set(
          `${fragment.name}(${(fragment.inputs ?? []).map((i) => i.type).join(',')})`,
          fragment,
        );
  }
  errorInterface = new Interface([...fragments.values()] as InterfaceAbi);
  return errorInterface;
}

/** The revert data an ethers error carries, wherever the provider put it. */
export function revertData(error: unknown): string | undefined {
  for (let cause = error, depth = 0; cause && depth < 5; depth += 1) {
    if (typeof cause !== 'object') return undefined;
    const data = (cause as { data?: unknown }).data;
    if (typeof data === 'string' && data.startsWith('0x')) return data;
    if (data && typeof data === 'object') {
      const nested = (data as { data?: unknown }).data;
      if (typeof nested === 'string' && nested.startsWith('0x')) return nested;
    }
    cause =
      (cause as { error?: unknown; cause?: unknown }).error ?? (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

export function decodeRevert(errors: Interface, error: unknown): ErrorDescription | undefined {
  const data = revertData(error);
  if (!data || data === '0x') return undefined;
  try {
    return errors.parseError(data) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The chaincode's error code for a custom error: by name in `codes`, else by its kind. */
export function codeOf(name: string, codes: Readonly<Record<string, string>>): string {
  const code = codes[name];
  if (code) return code;
  if (/NegativeList/.test(name)) return 'NEGATIVE_LIST';
  if (/^Unknown|NotFound$/.test(name)) return 'NOT_FOUND';
  if (/^(Missing|Not)[A-Z]/.test(name)) return 'FORBIDDEN';
  if (/(Exists|Taken|Bound|^Already[A-Z].*)$/.test(name)) return 'CONFLICT';
  if (/^Invalid(Transition|State)/.test(name)) return 'INVALID_STATE';
  if (/^(Invalid|Zero)/.test(name)) return 'INVALID_ARGUMENT';
  return `UNMAPPED:${name}`;
}
