package dev.runid.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import dev.runid.RunContext;
import dev.runid.RunIdGenerator;
import dev.runid.spring.scope.RunScope;
import dev.runid.spring.registry.MemoryRunStore;
import dev.runid.spring.registry.RunRecorder;
import dev.runid.spring.web.RunIdHeaders;
import dev.runid.spring.web.RunIdInboundResolver;
import dev.runid.spring.web.servlet.RunIdServletFilter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * What the run registry adds to one request: the request through
 * {@link RunIdServletFilter} with the starter's {@link RunScope}, without a recorder
 * ({@code run-id.registry.enabled=false}) and with a {@link RunRecorder} writing into the
 * {@link MemoryRunStore} (the default). Each request mints its run (no inbound ID), so
 * every request is a new run that the store keeps, evicting the oldest of its 1,000.
 * Subtract {@code withoutRegistry} from {@code withMemoryRegistry} to get the registry's
 * cost per request; run with {@code -prof gc} to see its allocation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class RegistryRecordingBenchmark {

	private static final Servlet servlet = new HttpServlet() {

		@Override
		protected void service(HttpServletRequest request, HttpServletResponse response)
				throws ServletException, IOException {
			// as Spring MVC does once it matched a route
			request.setAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern", "/orders/{id}");
			response.setStatus(200);
		}

	};

	@Benchmark
	public MockHttpServletResponse withoutRegistry(WithoutRegistry registry) throws Exception {
		return request(registry.filter);
	}

	@Benchmark
	public MockHttpServletResponse withMemoryRegistry(WithMemoryRegistry registry) throws Exception {
		return request(registry.filter);
	}

	static MockHttpServletResponse request(RunIdServletFilter filter) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders/42");
		MockHttpServletResponse response = new MockHttpServletResponse();
		new MockFilterChain(servlet, filter).doFilter(request, response);
		return response;
	}

	private static RunIdInboundResolver resolver() {
		return new RunIdInboundResolver(RunIdGenerator.uuid7(), RunIdHeaders.DEFAULT_HEADER_NAME,
				RunIdHeaders.DEFAULT_PARENT_HEADER_NAME, true, false);
	}

	/**
	 * The starter's {@link RunScope} as a run listener, without the registry.
	 */
	@State(Scope.Benchmark)
	public static class WithoutRegistry {

		private AutoCloseable registration = () -> {
		};

		final RunIdServletFilter filter = new RunIdServletFilter(resolver(), true);

		@Setup(Level.Trial)
		public void register() {
			this.registration = RunContext.addListener(new RunScope());
		}

		@TearDown(Level.Trial)
		public void unregister() throws Exception {
			this.registration.close();
		}

	}

	/**
	 * The starter's {@link RunScope} with a {@link RunRecorder} attached, writing into a
	 * {@link MemoryRunStore} of 1,000 runs, and the filter that describes each request's
	 * segment.
	 */
	@State(Scope.Benchmark)
	public static class WithMemoryRegistry {

		private AutoCloseable registration = () -> {
		};

		private final RunScope scope = new RunScope();

		private final MemoryRunStore store = new MemoryRunStore(1000);

		private final RunRecorder recorder = new RunRecorder(this.store, this.scope, "benchmark", "benchmark-1");

		RunIdServletFilter filter;

		@Setup(Level.Trial)
		public void register() {
			this.registration = RunContext.addListener(this.scope);
			this.filter = new RunIdServletFilter(resolver(), true, this.recorder);
		}

		@TearDown(Level.Trial)
		public void unregister() throws Exception {
			this.recorder.close();
			this.registration.close();
		}

	}

}
