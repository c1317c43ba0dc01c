package dev.access.core.fleet;

/**
 * What registering an enrollment did.
 *
 * @param lock the lock
 * @param keyEpoch the key epoch it enrolled with
 * @param sequence the trail sequence the enrollment anchors (its signed chain head is there)
 * @param added whether this enrollment was new (false: the backend held the same one already)
 * @param newEpoch whether the lock enrolled with a key epoch the backend did not know (a first
 *     enrollment, or one after a factory reset)
 */
public record Registration(String lock, int keyEpoch, long sequence, boolean added, boolean newEpoch) {
}
