/**
 * The keypad hot path's building blocks and the trail's cryptography.
 *
 * <p>A typed PIN enters as a {@link dev.access.crypto.PinCode}, validated against a
 * {@link dev.access.crypto.PinPolicy} and never held in a {@code String}. A
 * {@link dev.access.crypto.CodeDigester}, obtained from a {@link dev.access.crypto.KeyRing} for one
 * lock and one key epoch, turns it into a {@link dev.access.crypto.CodeDigest}: HMAC-SHA-256 under a
 * key derived with HKDF-SHA-256 from a root secret that never enters the event store. A
 * {@link dev.access.crypto.CredentialTable} then finds the slot that holds the digest in constant
 * time. Destroying an epoch erases its salt, so the epoch's key can never be derived again
 * (crypto-shredding for factory reset).
 *
 * <p>For the audit trail, {@link dev.access.crypto.HashChain} links events into a SHA-256 chain and
 * a {@link dev.access.crypto.CheckpointSigner} signs chain heads with Ed25519; auditors check them
 * with the lock's exported {@link dev.access.crypto.TrailPublicKey} alone.
 *
 * <p>Conventions, after Google Tink: secret-bearing types are final classes that redact
 * themselves and have no value-based {@code equals}; verification fails loudly with an exception;
 * no public signature takes or returns raw key bytes. This package imports nothing from Axon,
 * Jackson or access-core; Bouncy Castle is used through its lightweight API and is never
 * installed as a JCA provider.
 */
package dev.access.crypto;
