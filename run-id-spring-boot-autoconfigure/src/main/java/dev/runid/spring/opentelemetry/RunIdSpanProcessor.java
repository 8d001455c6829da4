package dev.runid.spring.opentelemetry;

import dev.runid.RunContext;
import dev.runid.RunId;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * {@link SpanProcessor} that gives every span started while a run is current the
 * attribute {@code run.id} and, when the run has a parent, {@code run.parent.id}: server
 * spans (run-id's filters run before OpenTelemetry's), client spans, {@code @WithSpan}
 * and manual spans. A span that was started with a {@code run.id} of its own keeps it.
 * <p>
 * Thread-safe and cheap: it reads the calling thread's run when a span starts and does
 * nothing when a span ends. The OpenTelemetry Spring Boot starter adds it to its tracer
 * provider through {@link RunIdOpenTelemetrySdkCustomizer}; with an SDK of your own, add
 * it with {@code SdkTracerProvider.builder().addSpanProcessor(...)}.
 */
public final class RunIdSpanProcessor implements SpanProcessor {

	/**
	 * The attribute of the run ID.
	 */
	public static final AttributeKey<String> RUN_ID = RunSpanAttributes.RUN_ID;

	/**
	 * The attribute of the parent run ID.
	 */
	public static final AttributeKey<String> PARENT_RUN_ID = RunSpanAttributes.PARENT_RUN_ID;

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		RunId runId = RunContext.current().orElse(null);
		if (runId != null && span.getAttribute(RUN_ID) == null) {
			span.setAttribute(RUN_ID, runId.value());
			runId.parent().ifPresent((parent) -> span.setAttribute(PARENT_RUN_ID, parent.value()));
		}
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
	}

	@Override
	public boolean isEndRequired() {
		return false;
	}

	@Override
	public String toString() {
		return "RunIdSpanProcessor";
	}

}
