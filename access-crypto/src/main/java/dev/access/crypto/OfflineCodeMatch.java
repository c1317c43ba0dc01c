package dev.access.crypto;

/**
 * A typed PIN recognised as an offline code: which validity it was issued for and its public id.
 * Holds no PIN.
 *
 * @param validity the validity the PIN was issued for
 * @param codeId the code's public id
 */
public record OfflineCodeMatch(OfflineValidity validity, String codeId) {
}
