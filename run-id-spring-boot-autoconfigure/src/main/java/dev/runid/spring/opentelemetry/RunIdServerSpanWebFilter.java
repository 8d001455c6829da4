package dev.runid.spring.opentelemetry;

import dev.runid.RunId;
import dev.runid.spring.web.RunIdRequestAttributes;
import dev.runid.spring.web.reactive.RunIdWebFilter;
import io.opentelemetry.api.trace.Span;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * WebFlux filter that puts the request's run on the current OpenTelemetry span, as the
 * attributes {@code run.id} and {@code run.parent.id}: the reactive counterpart of
 * {@link RunIdServerSpanFilter}, for the server span that the OpenTelemetry Java agent
 * opens in its Netty instrumentation before any filter and keeps current while the filter
 * chain is called.
 * <p>
 * It runs after {@link RunIdWebFilter}, at {@link #ORDER}, and reads the span when the
 * chain reaches it (on the thread that handed the request to WebFlux), so it needs no
 * Reactor context. A span that is not recording costs one look-up of the current span.
 * Stateless and thread-safe.
 */
public final class RunIdServerSpanWebFilter implements WebFilter, Ordered {

	/**
	 * The order of the filter: right after {@link RunIdWebFilter#ORDER}.
	 */
	public static final int ORDER = RunIdWebFilter.ORDER + 2;

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getAttribute(RunIdRequestAttributes.RUN_ID) instanceof RunId runId) {
			Span span = Span.current();
			if (span.isRecording()) {
				span.setAttribute(RunSpanAttributes.RUN_ID, runId.value());
				runId.parent()
					.ifPresent((parent) -> span.setAttribute(RunSpanAttributes.PARENT_RUN_ID, parent.value()));
			}
		}
		return chain.filter(exchange);
	}

}
