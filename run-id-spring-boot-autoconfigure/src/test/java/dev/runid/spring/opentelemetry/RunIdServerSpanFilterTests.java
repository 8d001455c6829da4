package dev.runid.spring.opentelemetry;

import dev.runid.RunId;
import dev.runid.spring.web.RunIdRequestAttributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunIdServerSpanFilter} with a real SDK span made current, as a server
 * instrumentation that runs before any filter makes it.
 */
class RunIdServerSpanFilterTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final RunIdServerSpanFilter filter = new RunIdServerSpanFilter();

	@AfterEach
	void close() {
		this.tracerProvider.close();
	}

	@Test
	void putsTheRequestsRunOnTheCurrentSpan() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/hello");
		request.setAttribute(RunIdRequestAttributes.RUN_ID,
				RunId.fromString("child-run").withParent(RunId.fromString("parent-run")));
		SpanData span = filterInServerSpan(request);
		assertThat(span.getAttributes().get(RunIdSpanProcessor.RUN_ID)).isEqualTo("child-run");
		assertThat(span.getAttributes().get(RunIdSpanProcessor.PARENT_RUN_ID)).isEqualTo("parent-run");
	}

	@Test
	void leavesTheSpanOfARequestWithoutRunAlone() throws Exception {
		SpanData span = filterInServerSpan(new MockHttpServletRequest("GET", "/hello"));
		assertThat(span.getAttributes().get(RunIdSpanProcessor.RUN_ID)).isNull();
	}

	@Test
	void passesRequestsOnWithoutACurrentSpan() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/hello");
		request.setAttribute(RunIdRequestAttributes.RUN_ID, RunId.fromString("run-1"));
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isSameAs(request);
	}

	private SpanData filterInServerSpan(MockHttpServletRequest request) throws Exception {
		Span server = this.tracerProvider.get("test").spanBuilder("GET /hello").startSpan();
		MockFilterChain chain = new MockFilterChain();
		try (Scope scope = server.makeCurrent()) {
			this.filter.doFilter(request, new MockHttpServletResponse(), chain);
		}
		finally {
			server.end();
		}
		assertThat(chain.getRequest()).isSameAs(request);
		assertThat(this.exporter.getFinishedSpanItems()).hasSize(1);
		return this.exporter.getFinishedSpanItems().get(0);
	}

}
