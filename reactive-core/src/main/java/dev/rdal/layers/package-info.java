/**
 * Cross-cutting behavior written once for every backend: retry with resume, timeouts, Micrometer
 * metrics, SLF4J logging, a concurrency limit, a byte-rate throttle and fault injection. Start at
 * {@link dev.rdal.layers.Layers}, which also explains the order to stack them in.
 */
package dev.rdal.layers;
