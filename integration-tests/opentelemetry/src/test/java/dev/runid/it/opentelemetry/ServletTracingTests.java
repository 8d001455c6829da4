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
 * Spring MVC application without Micrometer Tracing: the server span that the starter's
 * filter opens, the client span of a {@code RestClient} call, a {@code @WithSpan} span
 * and the spans of a child run.
 */
@SpringBootTest(classes = ServletApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "otel.traces.exporter=none", "otel.metrics.exporter=none", "otel.logs.exporter=none" })
class ServletTracingTests {

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
		SpanData client = this.spans.awaitClientSpan("/rest-client/minted");
		assertThat(client.getTraceId()).isEqualTo(traceId);
		assertThat(client.getAttributes().get(InMemorySpans.RUN_ID)).isEqualTo(runId);
		assertThat(this.downstream.header("/rest-client/minted", "X-Run-Id")).containsExactly(runId);
		SpanData step = this.spans.awaitSpan("plan", traceId);
		assertThat(step.getAttributes().get(InMemorySpans.RUN_ID)).isEqualTo(runId);
	}

	@Test
	void spansOfARunWithAParentCarryBoth() {
		HttpResponse<String> response = Http.get(this.port, "/call/parented", "X-Run-Id", "otel-run", "X-Parent-Run-Id",
				"otel-parent");
		String traceId = response.body();
		for (SpanData span : new SpanData[] { this.spans.awaitServerSpan(traceId),
				this.spans.awaitClientSpan("/rest-client/parented"), this.spans.awaitSpan("plan", traceId) }) {
			assertThat(span.getAttributes().get(InMemorySpans.RUN_ID)).as(span.getName()).isEqualTo("otel-run");
			assertThat(span.getAttributes().get(InMemorySpans.PARENT_RUN_ID)).as(span.getName())
				.isEqualTo("otel-parent");
		}
	}

	@Test
	void spansOfAChildRunCarryTheChildAndItsParent() {
		HttpResponse<String> response = Http.get(this.port, "/child", "X-Run-Id", "outer-run");
		String[] body = response.body().split("\\|");
		String child = body[0];
		String traceId = body[1];
		assertThat(child).isNotEqualTo("outer-run");
		SpanData client = this.spans.awaitClientSpan("/child");
		assertThat(client.getAttributes().get(InMemorySpans.RUN_ID)).isEqualTo(child);
		assertThat(client.getAttributes().get(InMemorySpans.PARENT_RUN_ID)).isEqualTo("outer-run");
		SpanData step = this.spans.awaitSpan("plan", traceId);
		assertThat(step.getAttributes().get(InMemorySpans.RUN_ID)).isEqualTo(child);
		assertThat(step.getAttributes().get(InMemorySpans.PARENT_RUN_ID)).isEqualTo("outer-run");
		SpanData server = this.spans.awaitServerSpan(traceId);
		assertThat(server.getAttributes().get(InMemorySpans.RUN_ID)).isEqualTo("outer-run");
		assertThat(server.getAttributes().get(InMemorySpans.PARENT_RUN_ID)).isNull();
	}

	@Test
	void serverSpanOfAnInvalidInboundRunCarriesTheReplacementNotTheRawValue() {
		HttpResponse<String> response = Http.get(this.port, "/call/invalid", "X-Run-Id", "bad<script>");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		assertThat(runId).isNotEqualTo("bad<script>");
		SpanData server = this.spans.awaitServerSpan(response.body());
		assertThat(server.getAttributes().get(InMemorySpans.RUN_ID)).isEqualTo(runId);
		assertThat(this.spans.finished())
			.noneMatch((span) -> String.valueOf(span.getAttributes().get(InMemorySpans.RUN_ID)).contains("script"));
	}

}
