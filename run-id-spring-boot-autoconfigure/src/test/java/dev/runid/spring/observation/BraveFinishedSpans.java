package dev.runid.spring.observation;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A Brave {@link SpanHandler} that keeps every finished span in memory. Boot's Brave
 * auto-configuration adds {@code SpanHandler} beans to its {@code Tracing}.
 */
final class BraveFinishedSpans extends SpanHandler implements FinishedSpans {

	private final ConcurrentLinkedQueue<FinishedSpan> spans = new ConcurrentLinkedQueue<>();

	@Override
	public boolean end(TraceContext context, MutableSpan span, Cause cause) {
		if (cause == Cause.FINISHED) {
			this.spans.add(new FinishedSpan(span.traceId(), (span.kind() != null) ? span.kind().name() : "LOCAL",
					span.name(), span.tags()));
		}
		return true;
	}

	@Override
	public List<FinishedSpan> spans() {
		return List.copyOf(this.spans);
	}

	@Override
	public void clear() {
		this.spans.clear();
	}

	@Configuration(proxyBeanMethods = false)
	static class SpansConfiguration {

		@Bean
		BraveFinishedSpans braveFinishedSpans() {
			return new BraveFinishedSpans();
		}

	}

}
