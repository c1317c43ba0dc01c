/**
 * Internal, not API: the audit form of an event (its payload with every code digest replaced by its
 * public commitment) and the chain computed over it, shared by the Axon shell that appends events
 * and by the auditor's toolkit that reads exports.
 */
package dev.access.core.internal.trail;
