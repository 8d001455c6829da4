package dev.runid.it.opentelemetry;

import java.net.http.HttpResponse;

import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the run on the spans of the OpenTelemetry Spring Boot starter in a
 * WebFlux application without Micrometer Tracing: the server span that the starter's
 * {@code WebFilter} opens, a {@code @WithSpan} span and the client spans of
 * {@code WebClient} calls, in the request's run and in a child run.
 */
@SpringBootTest(classes = WebFluxApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "otel.traces.exporter=none",
				"otel.metrics.exporter=none", "otel.logs.exporter=none" })
class WebFluxTracingTests {

	@LocalServerPort
	private int port;

	@Autowired
	private InMemorySpans spans;

	@Autowired
	private Downstream downstream;

	@Test
	void serverClientAndWithSpanSpansCarryTheEchoedRun() {
		HttpResponse<String> response = Http.get(this.port, "/call/minted");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		String traceId = response.body();
		SpanData server = this.spans.awaitServerSpan(traceId);
		assertThat(server.getAttributes().get(InMemorySpans.RUN_ID)).isEqualTo(runId);
		assertThat(server.getAttributes().get(InMemorySpans.PARENT_RUN_ID)).isNull();
		SpanData step = this.spans.awaitSpan("plan", traceId);
		assertThat(step.getAttributes().get(InMemorySpans.RUN_ID)).isEqualTo(runId);
		SpanData client = this.spans.awaitClientSpan("/web-client/minted");
		assertThat(client.getTraceId()).isEqualTo(traceId);
		assertThat(client.getAttributes().get(InMemorySpans.RUN_ID)).isEqualTo(runId);
		assertThat(this.downstream.header("/web-client/minted", "X-Run-Id")).containsExactly(runId);
	}

	@Test
	void spansOfARunWithAParentCarryBoth() {
		HttpResponse<String> response = Http.get(this.port, "/call/parented", "X-Run-Id", "otel-run", "X-Parent-Run-Id",
				"otel-parent");
		String traceId = response.body();
		for (SpanData span : new SpanData[] { this.spans.awaitServerSpan(traceId),
				this.spans.awaitClientSpan("/web-client/parented"), this.spans.awaitSpan("plan", traceId) }) {
			assertThat(span.getAttributes().get(InMemorySpans.RUN_ID)).as(span.getName()).isEqualTo("otel-run");
			assertThat(span.getAttributes().get(InMemorySpans.PARENT_RUN_ID)).as(span.getName())
				.isEqualTo("otel-parent");
		}
	}

	@Test
	void clientSpanOfAChildRunCarriesTheChildAndItsParent() {
		HttpResponse<String> response = Http.get(this.port, "/child", "X-Run-Id", "outer-run");
		String[] body = response.body().split("\\|");
		String child = body[0];
		assertThat(child).isNotEqualTo("outer-run");
		SpanData client = this.spans.awaitClientSpan("/child");
		assertThat(client.getAttributes().get(InMemorySpans.RUN_ID)).isEqualTo(child);
		assertThat(client.getAttributes().get(InMemorySpans.PARENT_RUN_ID)).isEqualTo("outer-run");
		assertThat(this.downstream.header("/child", "X-Run-Id")).containsExactly(child);
		SpanData server = this.spans.awaitServerSpan(body[1]);
		assertThat(server.getAttributes().get(InMemorySpans.RUN_ID)).isEqualTo("outer-run");
	}

}
