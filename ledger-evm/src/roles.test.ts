import { ROLES } from '@citytrust/domain';
import { Role, roleMask, roleNames } from './roles';

describe('role masks', () => {
  it('give each domain role the bit of its position in Role.sol', () => {
    ROLES.forEach((name, index) => {
      expect(Role[name]).toBe(index);
      expect(roleMask(name)).toBe(1n << BigInt(index));
    });
  });

  it('read back the roles of a mask in the domain order, ignoring unknown bits', () => {
    const mask = roleMask('ENTERPRISE', 'ISSUER');
    expect(mask).toBe(0b1000010n);
    expect(roleNames(mask)).toEqual(['ISSUER', 'ENTERPRISE']);
    expect(roleNames(mask | (1n << 40n))).toEqual(['ISSUER', 'ENTERPRISE']);
    expect(roleNames(0n)).toEqual([]);
  });
});
