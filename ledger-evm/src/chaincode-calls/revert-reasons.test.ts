import { ERROR_CODES } from '@citytrust/domain';
import { ERROR_CODES as CONTRACT_ERROR_CODES } from '.';
import { codeOf, hubErrorInterface } from './revert-reasons';

describe("contract reverts as the chaincode's refusal codes", () => {
  it('names a code by the custom error, the way the contracts name them', () => {
    expect(codeOf('UnknownCertificateType', {})).toBe('NOT_FOUND');
    expect(codeOf('MissingRole', {})).toBe('FORBIDDEN');
    expect(codeOf('CertificateExists', {})).toBe('CONFLICT');
    expect(codeOf('InvalidTransition', {})).toBe('INVALID_STATE');
    expect(codeOf('InvalidValidityPeriod', {})).toBe('INVALID_ARGUMENT');
    expect(codeOf('NegativeListed', {})).toBe('NEGATIVE_LIST');
    expect(codeOf('SomethingNew', {})).toBe('UNMAPPED:SomethingNew');
  });

  it('maps every custom error a catalogue call can meet to one of the domain codes', () => {
    const names = hubErrorInterface()
      .fragments.filter((fragment) => fragment.type === 'error')
      .map((fragment) => ('name' in fragment ? String(fragment.name) : ''));
    expect(names.length).toBeGreaterThan(20);
    const unmapped = names.filter(
      (name) => !(ERROR_CODES as readonly string[]).includes(codeOf(name, CONTRACT_ERROR_CODES)),
    );
    // Left unmapped, so the gateway answers them as the ledger's failure (503), not the
    // caller's: OpenZeppelin's internal errors, and AnchorRegistry's, which no call reaches yet.
    expect(unmapped.sort()).toEqual([
      'BlockNotAnchored',
      'CheckpointNotContiguous',
      'MerkleProofInvalidMultiproof',
      'SafeCastOverflowedIntDowncast',
      'SafeCastOverflowedIntToUint',
      'SafeCastOverflowedUintDowncast',
      'SafeCastOverflowedUintToInt',
      'StringsInsufficientHexLength',
      'StringsInvalidAddressFormat',
      'StringsInvalidChar',
    ]);
  });
});
