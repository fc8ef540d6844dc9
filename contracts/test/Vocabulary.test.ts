import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AUTHORIZATION_STATUSES,
  CERTIFICATE_STATUSES,
  CREDIT_CATEGORIES,
  CREDIT_STATUSES,
  CREDIT_WORKFLOWS,
  DENIAL_REASONS,
  LEGAL_BASES,
  OBJECTION_STATUSES,
  OPERATIONS,
  REPAIR_STATUSES,
  ROLES,
  SEVERITIES,
  SUBJECT_TYPES,
} from '@citytrust/domain';
import { expect } from 'chai';

/** The members of `enum <name> { ... }` in a contract's source, in declaration order. */
function solidityEnum(file: string, name: string): string[] {
  const source = readFileSync(join(__dirname, '..', 'src', file), 'utf8');
  const match = new RegExp(`enum ${name}\\s*\\{([^}]*)\\}`).exec(source);
  if (!match?.[1]) throw new Error(`no enum ${name} in ${file}`);
  return match[1]
    .split(',')
    .map((member) => member.trim())
    .filter((member) => member !== '');
}

/**
 * The contracts store enums as their position, so each Solidity enum must list the domain's
 * words in the domain's order; a leading NONE / NOT_* is the contract's "nothing here".
 */
describe('Solidity enums follow the domain vocabulary', () => {
  const cases: Array<[string, string, readonly string[]]> = [
    ['Role.sol', 'Role', ROLES],
    ['IAccessRecorder.sol', 'Operation', OPERATIONS],
    ['CertificateRegistry.sol', 'Status', CERTIFICATE_STATUSES],
    ['CreditRegistry.sol', 'Category', CREDIT_CATEGORIES],
    ['CreditRegistry.sol', 'Severity', SEVERITIES],
    ['CreditRegistry.sol', 'Status', ['NOT_RECORDED', ...CREDIT_STATUSES]],
    ['CreditRegistry.sol', 'Workflow', ['NONE', ...CREDIT_WORKFLOWS]],
    ['CreditRegistry.sol', 'ObjectionStatus', OBJECTION_STATUSES],
    ['CreditRegistry.sol', 'RepairStatus', REPAIR_STATUSES],
    ['AuthorizationRegistry.sol', 'SubjectType', SUBJECT_TYPES],
    ['AuthorizationRegistry.sol', 'LegalBasis', LEGAL_BASES],
    ['AuthorizationRegistry.sol', 'Status', AUTHORIZATION_STATUSES],
    ['AuthorizationRegistry.sol', 'DenialReason', ['NONE', ...DENIAL_REASONS]],
  ];
  for (const [file, name, words] of cases)
    it(`${file} ${name}`, () => {
      expect(solidityEnum(file, name)).to.deep.equal([...words]);
    });

  it('finds a reordered enum', () => {
    expect(solidityEnum('Role.sol', 'Role')).to.not.deep.equal([...ROLES].reverse());
  });
});
