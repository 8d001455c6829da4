package dev.runid.spring.registry.web;

import dev.runid.RunId;
import dev.runid.spring.registry.RunRecorder;
import dev.runid.spring.web.reactive.RunIdWebFilter;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * {@link WebFilter} that records the name of the exchange's principal as the run's
 * attribute {@code user}. Ordered at {@value #ORDER}, after Spring Security's
 * {@code WebFilterChainProxy} ({@code -100}), which makes the exchange answer
 * {@link ServerWebExchange#getPrincipal()} with the authenticated principal; exchanges
 * without one record nothing.
 */
public final class RunPrincipalWebFilter implements WebFilter, Ordered {

	/**
	 * The order of the filter.
	 */
	public static final int ORDER = 0;

	private final RunRecorder recorder;

	/**
	 * Create a filter.
	 * @param recorder the recorder of the runs' segments
	 */
	public RunPrincipalWebFilter(RunRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		RunId runId = RunIdWebFilter.runIdOf(exchange);
		if (runId == null) {
			return chain.filter(exchange);
		}
		return exchange.getPrincipal().doOnNext((principal) -> {
			String name = principal.getName();
			if (name != null) {
				this.recorder.attribute(runId, "user", name);
			}
		}).then(chain.filter(exchange));
	}

}
