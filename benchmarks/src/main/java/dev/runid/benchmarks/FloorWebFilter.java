package dev.runid.benchmarks;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The floor: the least a {@link WebFilter} can do to give a request an ID. Reads the
 * header (mints a random UUID when there is none, validating nothing), echoes it and
 * writes it into the Reactor context of the request's pipeline.
 */
final class FloorWebFilter implements WebFilter {

	static final String KEY = "benchmark.floor";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String header = exchange.getRequest().getHeaders().getFirst("X-Run-Id");
		String id = (header != null) ? header : UUID.randomUUID().toString();
		exchange.getResponse().getHeaders().set("X-Run-Id", id);
		return chain.filter(exchange).contextWrite((context) -> context.put(KEY, id));
	}

}
