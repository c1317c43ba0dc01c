/**
 * The auditor's toolkit: export a lock's trail as JSON Lines, verify an export with the lock's
 * public key alone (no database, no PIN keys), and the problems verification reports.
 */
package dev.access.core.audit;
