/**
 * {@code lockctl}, the command-line tool: one lock command per invocation over the embedded or a
 * PostgreSQL store, the auditor's commands on exports (which need no runtime), diagnosis and the
 * demo. Its public contract (options, output, JSON fields, exit codes) is the README's lockctl
 * reference; it uses the library's API only.
 */
package dev.access.cli;
