/**
 * The shapes of identifiers every layer checks: the chaincode's zod schemas, the gateway's
 * JSON Schemas and the Solidity contracts (`Identifiers.sol`) accept the same strings.
 * Each is a pattern source without anchors' flags, for `new RegExp` and JSON Schema alike.
 */

/** An identifier: safe in URLs and composite keys, 1-128 of A-Z a-z 0-9 . _ - */
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$';

/** A batch member: `<batchId>~<index>`, the index below `MAX_BATCH`. */
export const MEMBER_ID_PATTERN = '^([A-Za-z0-9][A-Za-z0-9._-]{0,127})~(0|[1-9]\\d{0,5})$';

/** A certificate: an identifier, or a batch member. */
export const CERTIFICATE_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}(~(0|[1-9][0-9]{0,5}))?$';

/** A lowercase token such as a category, purpose or certificate type. */
export const TOKEN_PATTERN = '^[a-z0-9][a-z0-9-]{0,63}$';

/** A SHA-256 digest in lowercase hex: hashes and salted references, never plaintext. */
export const HASH_PATTERN = '^[0-9a-f]{64}$';

/**
 * Unified social credit code (GB 32100-2015): 18 characters from the code's alphabet, with a
 * six-digit division code in positions 3-8. The check character is not enforced because the
 * demo consortium's published code does not carry a valid one.
 */
export const CREDIT_CODE_PATTERN = '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$';

export const ID = new RegExp(ID_PATTERN);
export const MEMBER_ID = new RegExp(MEMBER_ID_PATTERN);
export const CERTIFICATE_ID = new RegExp(CERTIFICATE_ID_PATTERN);
export const TOKEN = new RegExp(TOKEN_PATTERN);
export const HASH = new RegExp(HASH_PATTERN);
export const CREDIT_CODE = new RegExp(CREDIT_CODE_PATTERN);
