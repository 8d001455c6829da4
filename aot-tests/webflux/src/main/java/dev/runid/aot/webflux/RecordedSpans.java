package dev.runid.aot.webflux;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The spans that the OpenTelemetry SDK finished, the latest {@value #CAPACITY}, kept in
 * memory for the test to read at {@code GET /spans}. Boot's OpenTelemetry tracing
 * auto-configuration adds every {@link SpanProcessor} bean to its tracer provider.
 */
@Component
class RecordedSpans implements SpanProcessor {

	static final int CAPACITY = 500;

	private final ConcurrentLinkedDeque<RecordedSpan> spans = new ConcurrentLinkedDeque<>();

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
	}

	@Override
	public boolean isStartRequired() {
		return false;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		SpanData data = span.toSpanData();
		Map<String, String> tags = new LinkedHashMap<>();
		data.getAttributes().forEach((key, value) -> tags.put(key.getKey(), String.valueOf(value)));
		// the SDK reports INTERNAL where Brave reports no kind
		String kind = switch (data.getKind()) {
			case SERVER, CLIENT -> data.getKind().name();
			default -> "LOCAL";
		};
		this.spans.addLast(new RecordedSpan(data.getTraceId(), kind, data.getName(), tags));
		while (this.spans.size() > CAPACITY) {
			this.spans.pollFirst();
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	List<RecordedSpan> all() {
		return List.copyOf(this.spans);
	}

	/**
	 * One finished span.
	 *
	 * @param traceId its trace
	 * @param kind {@code SERVER}, {@code CLIENT} or {@code LOCAL}
	 * @param name its name
	 * @param tags its attributes
	 */
	record RecordedSpan(String traceId, String kind, String name, Map<String, String> tags) {

	}

	/**
	 * Serves the finished spans.
	 */
	@RestController
	static class SpansController {

		private final RecordedSpans spans;

		SpansController(RecordedSpans spans) {
			this.spans = spans;
		}

		@GetMapping("/spans")
		List<RecordedSpan> spans() {
			return this.spans.all();
		}

	}

}
