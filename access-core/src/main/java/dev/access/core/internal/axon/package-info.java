/**
 * Internal, not API: the Axon Framework 4 shell around the pure decider (the aggregate, its
 * command routing, Axon's serializer). Nothing outside access-core may import it; it may change in
 * any release.
 */
package dev.access.core.internal.axon;
