/**
 * The access log's views, as {@link dev.access.core.AccessControl#accessLog} returns them: recent
 * attempts with outcome and reason, current codes with status, lockout, mode and battery. They
 * are kept by a tracking processor (internal) and always include late commits.
 */
package dev.access.core.readmodel;
