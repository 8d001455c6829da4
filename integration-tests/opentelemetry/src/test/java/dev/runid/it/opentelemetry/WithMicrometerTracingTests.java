package dev.runid.it.opentelemetry;

import java.net.http.HttpResponse;
import java.util.List;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenTelemetry starter with Micrometer Tracing on its OpenTelemetry bridge as well
 * (run by a surefire execution of its own, which adds Boot's Micrometer Tracing modules
 * to the class path): both instrument the request, and every span of either names the
 * same run once.
 */
@SpringBootTest(classes = ServletApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "otel.traces.exporter=none", "otel.metrics.exporter=none", "otel.logs.exporter=none",
				"management.tracing.sampling.probability=1.0" })
class WithMicrometerTracingTests {

	@LocalServerPort
	private int port;

	@Autowired
	private InMemorySpans spans;

	@BeforeAll
	static void micrometerTracingIsOnTheClassPath() {
		Assumptions.assumeTrue(ClassUtils.isPresent("io.micrometer.tracing.otel.bridge.OtelTracer", null),
				"Micrometer Tracing is on the class path of the surefire execution with-micrometer-tracing only");
	}

	@Test
	void spansOfBothInstrumentationsCarryTheSameRun() {
		HttpResponse<String> response = Http.get(this.port, "/call/both", "X-Run-Id", "both-run");
		assertThat(response.statusCode()).isEqualTo(200);
		String traceId = response.body();
		this.spans.awaitClientSpan("/rest-client/both");
		this.spans.awaitSpan("plan", traceId);
		List<SpanData> server = this.spans.finished()
			.stream()
			.filter((span) -> span.getKind() == SpanKind.SERVER)
			.toList();
		assertThat(server).isNotEmpty()
			.allSatisfy((span) -> assertThat(span.getAttributes().get(InMemorySpans.RUN_ID)).isEqualTo("both-run"));
		assertThat(this.spans.finished()).as("spans of Micrometer Tracing")
			.anyMatch((span) -> !span.getInstrumentationScopeInfo().getName().startsWith("io.opentelemetry"));
		assertThat(this.spans.finished()).filteredOn((span) -> span.getTraceId().equals(traceId))
			.allSatisfy((span) -> assertThat(span.getAttributes().get(InMemorySpans.RUN_ID)).as(span.getName())
				.isEqualTo("both-run"));
	}

}
