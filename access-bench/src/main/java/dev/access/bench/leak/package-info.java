/**
 * A dudect-style timing-leak harness for the verify path, with positive controls that must be
 * flagged (a main program, not JMH). Statistical evidence, not proof: see the module README.
 */
package dev.access.bench.leak;
