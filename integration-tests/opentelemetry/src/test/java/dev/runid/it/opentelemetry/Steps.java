package dev.runid.it.opentelemetry;

import io.opentelemetry.instrumentation.annotations.WithSpan;

import org.springframework.stereotype.Component;

/**
 * A bean whose method the OpenTelemetry starter traces as a span of its own.
 */
@Component
class Steps {

	@WithSpan("plan")
	void plan() {
	}

}
