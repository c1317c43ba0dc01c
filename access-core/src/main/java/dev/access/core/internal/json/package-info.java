/**
 * Internal, not API: the one Jackson configuration for events, snapshots, read-model views and the
 * audit form. It imports no Axon class, so the auditor's toolkit can use it without the runtime.
 */
package dev.access.core.internal.json;
