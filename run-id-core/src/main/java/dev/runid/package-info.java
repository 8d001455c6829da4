/**
 * The run-id core: {@link dev.runid.RunId}, the current run of a thread in
 * {@link dev.runid.RunContext}, its SLF4J MDC entries and a context-propagation
 * {@link dev.runid.RunIdThreadLocalAccessor}. Plain Java, no required dependency.
 */
@NullMarked
package dev.runid;

import org.jspecify.annotations.NullMarked;
