package dev.runid.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.client.RunIdClientHttpRequestInterceptor;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.client.RunIdHostFilter;
import dev.runid.spring.web.RunIdHeaders;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

/**
 * The outbound {@code RestClient}/{@code RestTemplate} interceptor with a stub execution:
 * a request made while a run is current (all hosts allowed, and with an allow-list), and
 * one made outside any run, against the same execution without the interceptor. Each
 * operation builds a new request, so subtract {@code noInterceptor}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class RestClientInterceptorBenchmark {

	private static final URI URI_ = URI.create("http://api.example.com/items/42");

	private static final byte[] BODY = new byte[0];

	private final ClientHttpResponse stubResponse = new MockClientHttpResponse();

	private final ClientHttpRequestExecution execution = (request, body) -> this.stubResponse;

	private final RunIdClientHttpRequestInterceptor allHosts = new RunIdClientHttpRequestInterceptor(
			new RunIdForwarding(RunIdHeaders.DEFAULT_HEADER_NAME, RunIdHeaders.DEFAULT_PARENT_HEADER_NAME,
					RunIdHostFilter.of(List.of())));

	private final RunIdClientHttpRequestInterceptor allowList = new RunIdClientHttpRequestInterceptor(
			new RunIdForwarding(RunIdHeaders.DEFAULT_HEADER_NAME, RunIdHeaders.DEFAULT_PARENT_HEADER_NAME,
					RunIdHostFilter.of(List.of("auth.example.org", "*.example.com"))));

	@Benchmark
	public ClientHttpResponse noInterceptor(InsideRun run) throws IOException {
		return this.execution.execute(request(), BODY);
	}

	@Benchmark
	public ClientHttpResponse interceptorInsideRun(InsideRun run) throws IOException {
		return this.allHosts.intercept(request(), BODY, this.execution);
	}

	@Benchmark
	public ClientHttpResponse interceptorInsideRunWithAllowList(InsideRun run) throws IOException {
		return this.allowList.intercept(request(), BODY, this.execution);
	}

	@Benchmark
	public ClientHttpResponse interceptorOutsideRun() throws IOException {
		return this.allHosts.intercept(request(), BODY, this.execution);
	}

	private static HttpRequest request() {
		return new MockClientHttpRequest(HttpMethod.GET, URI_);
	}

	/**
	 * A run (with a parent) current on the benchmark thread for the trial.
	 */
	@State(Scope.Thread)
	public static class InsideRun {

		private @Nullable RunContext scope;

		@Setup(Level.Trial)
		public void enter() {
			this.scope = RunContext.enter(RunId.generate(RunId.generate()));
		}

		@TearDown(Level.Trial)
		public void close() {
			if (this.scope != null) {
				this.scope.close();
			}
		}

	}

}
