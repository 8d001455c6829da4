package dev.runid.benchmarks;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.runid.RunId;
import dev.runid.RunIdThreadLocalAccessor;
import dev.runid.spring.client.RunIdExchangeFilterFunction;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.client.RunIdHostFilter;
import dev.runid.spring.web.RunIdHeaders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * The outbound {@code WebClient} filter with a stub exchange: a request subscribed with
 * the run in its Reactor context (as in a WebFlux pipeline), and one without any run,
 * against the same exchange without the filter. Each operation builds a new request and
 * blocks on the response; subtract {@code noFilter}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class WebClientFilterBenchmark {

	private static final URI URI_ = URI.create("http://api.example.com/items/42");

	private final RunId runId = RunId.generate(RunId.generate());

	private final ClientResponse stubResponse = ClientResponse.create(HttpStatus.OK).build();

	private final ExchangeFunction exchange = (request) -> Mono.just(this.stubResponse);

	private final RunIdExchangeFilterFunction filter = new RunIdExchangeFilterFunction(new RunIdForwarding(
			RunIdHeaders.DEFAULT_HEADER_NAME, RunIdHeaders.DEFAULT_PARENT_HEADER_NAME, RunIdHostFilter.of(List.of())));

	@Benchmark
	public ClientResponse noFilter() {
		return this.exchange.exchange(request())
			.contextWrite((context) -> context.put(RunIdThreadLocalAccessor.KEY, this.runId))
			.block();
	}

	@Benchmark
	public ClientResponse filterWithRunInContext() {
		return this.filter.filter(request(), this.exchange)
			.contextWrite((context) -> context.put(RunIdThreadLocalAccessor.KEY, this.runId))
			.block();
	}

	@Benchmark
	public ClientResponse filterWithoutRun() {
		return this.filter.filter(request(), this.exchange).block();
	}

	private static ClientRequest request() {
		return ClientRequest.create(HttpMethod.GET, URI_).build();
	}

}
