-- 021: the court's electronic seal. Each document row records the SHA-256 fingerprint (lower-case
-- hex of the DER) of the certificate whose key sealed it; NULL for a document issued unsealed (a
-- kind that is not sealed, seal.enabled = false, or issued before sealing existed: `docs
-- --reissue` makes a sealed version 2 beside it).
alter table documents add column signer_fingerprint text
  check (signer_fingerprint is null or signer_fingerprint ~ '^[0-9a-f]{64}$');

-- zhixing verify and the public verify page find an issued document by the SHA-256 of its file.
create index documents_sha256 on documents (sha256);
