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

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.handler.DefaultWebFilterChain;

/**
 * One request through {@link RunIdWebFilter} (with a valid inbound run ID, and without),
 * against the same chain without any filter and with the hand-written
 * {@link FloorWebFilter}. Each operation builds a new mock exchange and chain and blocks
 * on the result; the handler runs a short pipeline, as a controller method's result
 * handling does. The {@code Starter} variants run as the starter does by default
 * (automatic context propagation on, {@code RunScope} registered); {@code ...Bare} runs
 * the filter alone; {@code ...AutomaticPropagation} switches the propagation on without
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

	@Benchmark
	public MockServerWebExchange noFilter() {
		return request(true);
	}

	@Benchmark
	public MockServerWebExchange noFilterAutomaticPropagation(AutomaticContextPropagation.On on) {
		return request(true);
	}

	@Benchmark
	public MockServerWebExchange floorFilterWithInboundId() {
		return request(true, this.floorFilter);
	}

	@Benchmark
	public MockServerWebExchange floorFilterWithInboundIdAutomaticPropagation(AutomaticContextPropagation.On on) {
		return request(true, this.floorFilter);
	}

	@Benchmark
	public MockServerWebExchange runIdFilterWithInboundIdBare() {
		return request(true, this.runIdFilter);
	}

	@Benchmark
	public MockServerWebExchange runIdFilterWithInboundIdStarter(AutomaticContextPropagation.Starter starter) {
		return request(true, this.runIdFilter);
	}

	@Benchmark
	public MockServerWebExchange runIdFilterWithoutInboundIdStarter(AutomaticContextPropagation.Starter starter) {
		return request(false, this.runIdFilter);
	}

	private MockServerWebExchange request(boolean inbound, WebFilter... filters) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/hello");
		if (inbound) {
			request.header(RunIdHeaders.DEFAULT_HEADER_NAME, ServletFilterBenchmark.INBOUND);
		}
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		new DefaultWebFilterChain(this.handler, List.of(filters)).filter(exchange).block();
		return exchange;
	}

}
