package dev.runid.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import dev.runid.RunContext;
import dev.runid.RunIdGenerator;
import dev.runid.spring.scope.RunScope;
import dev.runid.spring.web.RunIdHeaders;
import dev.runid.spring.web.RunIdInboundResolver;
import dev.runid.spring.web.servlet.RunIdServletFilter;
import jakarta.servlet.Filter;
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
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * One request through {@link RunIdServletFilter} (with a valid inbound run ID, and
 * without one so that the filter mints it), against the same chain without any filter and
 * with the hand-written {@link FloorServletFilter}. Each operation builds a new mock
 * request, response and chain, as a container does per request; subtract {@code noFilter}
 * to get the cost of a filter. The {@code WithRunScope} variants have the starter's
 * {@link RunScope} registered, as in an application that uses the starter.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class ServletFilterBenchmark {

	static final String INBOUND = "0192f0c4-7a3e-7cc2-9d43-6a1b2c3d4e5f";

	private final Servlet servlet = new HttpServlet() {

		@Override
		protected void service(HttpServletRequest request, HttpServletResponse response)
				throws ServletException, IOException {
			response.setStatus(200);
		}

	};

	private final RunIdServletFilter runIdFilter = new RunIdServletFilter(
			new RunIdInboundResolver(RunIdGenerator.uuid7(), RunIdHeaders.DEFAULT_HEADER_NAME,
					RunIdHeaders.DEFAULT_PARENT_HEADER_NAME, true, false),
			true);

	private final Filter floorFilter = new FloorServletFilter();

	@Setup(Level.Trial)
	public void initFilters() throws ServletException {
		// as the container does, with the name the auto-configuration registers
		this.runIdFilter.init(new MockFilterConfig("runIdServletFilter"));
	}

	@Benchmark
	public MockHttpServletResponse noFilter() throws Exception {
		return request(false);
	}

	@Benchmark
	public MockHttpServletResponse floorFilterWithInboundId() throws Exception {
		return request(true, this.floorFilter);
	}

	@Benchmark
	public MockHttpServletResponse floorFilterWithoutInboundId() throws Exception {
		return request(false, this.floorFilter);
	}

	@Benchmark
	public MockHttpServletResponse runIdFilterWithInboundId() throws Exception {
		return request(true, this.runIdFilter);
	}

	@Benchmark
	public MockHttpServletResponse runIdFilterWithoutInboundId() throws Exception {
		return request(false, this.runIdFilter);
	}

	@Benchmark
	public MockHttpServletResponse runIdFilterWithInboundIdAndRunScope(WithRunScope runScope) throws Exception {
		return request(true, this.runIdFilter);
	}

	@Benchmark
	public MockHttpServletResponse runIdFilterWithoutInboundIdAndRunScope(WithRunScope runScope) throws Exception {
		return request(false, this.runIdFilter);
	}

	private MockHttpServletResponse request(boolean inbound, Filter... filters) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/hello");
		if (inbound) {
			request.addHeader(RunIdHeaders.DEFAULT_HEADER_NAME, INBOUND);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		new MockFilterChain(this.servlet, filters).doFilter(request, response);
		return response;
	}

	/**
	 * The starter's {@link RunScope}, registered as a run listener for the trial.
	 */
	@State(Scope.Benchmark)
	public static class WithRunScope {

		private AutoCloseable registration = () -> {
		};

		@Setup(Level.Trial)
		public void register() {
			this.registration = RunContext.addListener(new RunScope());
		}

		@TearDown(Level.Trial)
		public void unregister() throws Exception {
			this.registration.close();
		}

	}

}
