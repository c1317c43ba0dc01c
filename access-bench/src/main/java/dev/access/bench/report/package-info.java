/**
 * Turns a suite's JMH JSON, memory and leak results into a Markdown report of ratios and PNG
 * charts (java.awt, headless).
 */
package dev.access.bench.report;
