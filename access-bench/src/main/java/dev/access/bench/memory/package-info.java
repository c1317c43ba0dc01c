/** Retained heap per lock, reported beside the time figures (a main program, not JMH). */
package dev.access.bench.memory;
