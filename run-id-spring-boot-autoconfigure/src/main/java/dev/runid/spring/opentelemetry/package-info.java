/**
 * The run on the spans of OpenTelemetry's own instrumentation: the OpenTelemetry Spring
 * Boot starter (the SDK in the application) and the OpenTelemetry Java agent.
 */
@NullMarked
package dev.runid.spring.opentelemetry;

import org.jspecify.annotations.NullMarked;
