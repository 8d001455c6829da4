package dev.runid.aot.mvc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;

import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The spans that Brave finished, the latest {@value #CAPACITY}, kept in memory for the
 * test to read at {@code GET /spans}. Boot's Brave auto-configuration adds every
 * {@link SpanHandler} bean to its {@code Tracing}.
 */
@Component
class RecordedSpans extends SpanHandler {

	static final int CAPACITY = 500;

	private final ConcurrentLinkedDeque<RecordedSpan> spans = new ConcurrentLinkedDeque<>();

	@Override
	public boolean end(TraceContext context, MutableSpan span, Cause cause) {
		if (cause == Cause.FINISHED) {
			String kind = (span.kind() != null) ? span.kind().name() : "LOCAL";
			this.spans.addLast(new RecordedSpan(span.traceId(), kind, span.name(), Map.copyOf(span.tags())));
			while (this.spans.size() > CAPACITY) {
				this.spans.pollFirst();
			}
		}
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
	 * @param tags its tags
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
