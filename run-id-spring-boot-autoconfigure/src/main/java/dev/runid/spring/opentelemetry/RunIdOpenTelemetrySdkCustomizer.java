package dev.runid.spring.opentelemetry;

import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Adds run-id's {@link SpanProcessor} to the tracer provider of an autoconfigured
 * OpenTelemetry SDK. The OpenTelemetry Spring Boot starter loads every
 * {@link AutoConfigurationCustomizerProvider} bean when it builds its SDK (with its
 * default, property-based configuration; its declarative configuration file does not use
 * them).
 */
public final class RunIdOpenTelemetrySdkCustomizer implements AutoConfigurationCustomizerProvider {

	private final SpanProcessor spanProcessor;

	/**
	 * Create a customizer.
	 * @param spanProcessor the processor to add, usually a {@link RunIdSpanProcessor}
	 */
	public RunIdOpenTelemetrySdkCustomizer(SpanProcessor spanProcessor) {
		this.spanProcessor = spanProcessor;
	}

	@Override
	public void customize(AutoConfigurationCustomizer customizer) {
		customizer.addTracerProviderCustomizer((builder, config) -> builder.addSpanProcessor(this.spanProcessor));
	}

}
