package dev.runid.spring.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The span attributes of a run, with the OpenTelemetry API alone: the Java agent's set-up
 * has no SDK in the application.
 */
final class RunSpanAttributes {

	static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("run.id");

	static final AttributeKey<String> PARENT_RUN_ID = AttributeKey.stringKey("run.parent.id");

	private RunSpanAttributes() {
	}

}
