import { artifacts } from 'hardhat';
import { ErrorDescription, Interface, type InterfaceAbi } from 'ethers';

/**
 * Every custom error any compiled contract declares, so a revert decodes whichever contract
 * (or library) raised it.
 */
export async function loadErrorInterface(): Promise<Interface> {
  const fragments = new Map<string, unknown>();
  for (const name of await artifacts.getAllFullyQualifiedNames()) {
    const { abi } = await artifacts.readArtifact(name);
    for (const fragment of abi as { type: string; name: string; inputs: { type: string }[] }[])
      if (fragment.type === 'error')
        fragments.set(
          `${fragment.name}(${fragment.inputs.map((i) => i.type).join(',')})`,
          fragment,
        );
  }
  return new Interface([...fragments.values()] as InterfaceAbi);
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
