package dev.runid.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.runid.RunIdGenerator;
import dev.runid.spring.web.RunIdHeaders;
import dev.runid.spring.web.RunIdInboundResolver;
import dev.runid.spring.web.reactive.RunIdWebFilter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Mono;

import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.handler.DefaultWebFilterChain;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;

/**
 * One request through {@link RunIdWebFilter} (with a valid inbound run ID, and without),
 * against the same chain without any filter and with the hand-written
 * {@link FloorWebFilter}. Each operation builds a new exchange of a
 * {@link MockServerHttpRequest} and {@link MockServerHttpResponse} and a new chain, and
 * blocks on the result; the handler runs a short pipeline, as a controller method's
 * result handling does. The exchange shares its codecs and session manager across
 * operations, as a server does: {@code MockServerWebExchange.from} creates a new
 * {@code ServerCodecConfigurer} per exchange, which costs far more than any filter here
 * and would hide them. The {@code Starter} variants run as the starter does by default
 * (scheduler hook installed, {@code RunScope} registered, Reactor's automatic context
 * propagation off), {@code ...StarterAutomaticPropagation} as it does with
 * {@code run-id.reactor.automatic-context-propagation=true}; {@code ...Bare} runs the
 * filter alone; {@code ...AutomaticPropagation} switches the propagation on without
 * run-id.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class WebFilterBenchmark {

	private final WebHandler handler = (exchange) -> Mono.just("hello")
		.map(String::length)
		.filter((length) -> length > 0)
		.then(exchange.getResponse().setComplete());

	private final RunIdWebFilter runIdFilter = new RunIdWebFilter(new RunIdInboundResolver(RunIdGenerator.uuid7(),
			RunIdHeaders.DEFAULT_HEADER_NAME, RunIdHeaders.DEFAULT_PARENT_HEADER_NAME, true, false), true);

	private final WebFilter floorFilter = new FloorWebFilter();

	private final ServerCodecConfigurer codecs = ServerCodecConfigurer.create();

	private final DefaultWebSessionManager sessions = new DefaultWebSessionManager();

	private final AcceptHeaderLocaleContextResolver locales = new AcceptHeaderLocaleContextResolver();

	@Benchmark
	public ServerWebExchange noFilter() {
		return request(true);
	}

	@Benchmark
	public ServerWebExchange noFilterAutomaticPropagation(AutomaticContextPropagation.On on) {
		return request(true);
	}

	@Benchmark
	public ServerWebExchange floorFilterWithInboundId() {
		return request(true, this.floorFilter);
	}

	@Benchmark
	public ServerWebExchange floorFilterWithInboundIdAutomaticPropagation(AutomaticContextPropagation.On on) {
		return request(true, this.floorFilter);
	}

	@Benchmark
	public ServerWebExchange runIdFilterWithInboundIdBare() {
		return request(true, this.runIdFilter);
	}

	@Benchmark
	public ServerWebExchange runIdFilterWithInboundIdStarter(AutomaticContextPropagation.Starter starter) {
		return request(true, this.runIdFilter);
	}

	@Benchmark
	public ServerWebExchange runIdFilterWithoutInboundIdStarter(AutomaticContextPropagation.Starter starter) {
		return request(false, this.runIdFilter);
	}

	@Benchmark
	public ServerWebExchange runIdFilterWithInboundIdStarterAutomaticPropagation(
			AutomaticContextPropagation.StarterAutomatic starter) {
		return request(true, this.runIdFilter);
	}

	private ServerWebExchange request(boolean inbound, WebFilter... filters) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/hello");
		if (inbound) {
			request.header(RunIdHeaders.DEFAULT_HEADER_NAME, ServletFilterBenchmark.INBOUND);
		}
		ServerWebExchange exchange = new DefaultServerWebExchange(request.build(), new MockServerHttpResponse(),
				this.sessions, this.codecs, this.locales);
		new DefaultWebFilterChain(this.handler, List.of(filters)).filter(exchange).block();
		return exchange;
	}

}
