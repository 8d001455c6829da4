package dev.runid.load.webflux;

import java.util.UUID;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The trivial app of the load comparison: {@code GET /hello} returns a short string.
 * {@code GET /check} shows, after a thread hop, what a variant puts in the MDC and the
 * Reactor context, so that the script can show that each variant does its job. With
 * {@code load.floor=true} the hand-written {@link FloorWebFilter} is registered, and its
 * {@link ThreadLocalAccessor}, which only does something when Reactor's automatic context
 * propagation is on ({@code spring.reactor.context-propagation=auto}).
 */
@SpringBootApplication
@RestController
public class LoadWebFluxApplication {

	@GetMapping("/hello")
	Mono<String> hello() {
		return Mono.just("hello");
	}

	@GetMapping("/check")
	Mono<String> check() {
		return Mono.just("check")
			.publishOn(Schedulers.parallel())
			.flatMap((ignored) -> Mono.deferContextual((context) -> Mono.just("runId=" + MDC.get("runId") + " X-Run-Id="
					+ MDC.get("X-Run-Id") + " traceId=" + MDC.get("traceId") + " floor=" + FloorWebFilter.CURRENT.get()
					+ " context=" + context.getOrDefault(FloorWebFilter.KEY, null) + "/"
					+ context.getOrDefault("dev.runid.run", null))));
	}

	@Bean
	@ConditionalOnBooleanProperty("load.floor")
	FloorWebFilter floorWebFilter() {
		ContextRegistry.getInstance().registerThreadLocalAccessor(new FloorAccessor());
		return new FloorWebFilter();
	}

	public static void main(String[] args) {
		SpringApplication.run(LoadWebFluxApplication.class, args);
	}

	/**
	 * The floor: the least a {@link WebFilter} can do to give a request an ID. Reads the
	 * header (mints a random UUID when there is none, validating nothing), echoes it and
	 * writes it into the Reactor context of the request's pipeline.
	 */
	@Order(Ordered.HIGHEST_PRECEDENCE)
	static final class FloorWebFilter implements WebFilter {

		static final String KEY = "load.floor";

		static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			String header = exchange.getRequest().getHeaders().getFirst("X-Run-Id");
			String id = (header != null) ? header : UUID.randomUUID().toString();
			exchange.getResponse().getHeaders().set("X-Run-Id", id);
			return chain.filter(exchange).contextWrite((context) -> context.put(KEY, id));
		}

	}

	/**
	 * Makes the floor's ID current (its {@link ThreadLocal} and the MDC) in every
	 * operator when Reactor's automatic context propagation is on.
	 */
	static final class FloorAccessor implements ThreadLocalAccessor<String> {

		@Override
		public Object key() {
			return FloorWebFilter.KEY;
		}

		@Override
		public @Nullable String getValue() {
			return FloorWebFilter.CURRENT.get();
		}

		@Override
		public void setValue(String value) {
			FloorWebFilter.CURRENT.set(value);
			MDC.put("runId", value);
		}

		@Override
		public void setValue() {
			FloorWebFilter.CURRENT.remove();
			MDC.remove("runId");
		}

	}

}
