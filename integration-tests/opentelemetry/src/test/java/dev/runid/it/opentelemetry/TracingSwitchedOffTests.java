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
 * With {@code run-id.tracing.enabled=false} the spans of the OpenTelemetry starter do not
 * name the run, while requests still have one.
 */
@SpringBootTest(classes = ServletApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "run-id.tracing.enabled=false", "otel.traces.exporter=none", "otel.metrics.exporter=none",
				"otel.logs.exporter=none" })
class TracingSwitchedOffTests {

	@LocalServerPort
	private int port;

	@Autowired
	private InMemorySpans spans;

	@Test
	void spansCarryNoRun() {
		HttpResponse<String> response = Http.get(this.port, "/call/off", "X-Run-Id", "untraced-run");
		assertThat(response.headers().firstValue("X-Run-Id")).contains("untraced-run");
		String traceId = response.body();
		SpanData server = this.spans.awaitServerSpan(traceId);
		SpanData client = this.spans.awaitClientSpan("/rest-client/off");
		SpanData step = this.spans.awaitSpan("plan", traceId);
		for (SpanData span : new SpanData[] { server, client, step }) {
			assertThat(span.getAttributes().get(InMemorySpans.RUN_ID)).as(span.getName()).isNull();
		}
	}

}
