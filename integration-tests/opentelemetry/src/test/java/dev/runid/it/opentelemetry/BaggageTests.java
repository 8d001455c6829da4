package dev.runid.it.opentelemetry;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code run-id.tracing.baggage.enabled=true} and the OpenTelemetry starter, a
 * {@code RestClient} request carries the run in the W3C {@code baggage} header beside
 * OpenTelemetry's own baggage, for a downstream that has OpenTelemetry but not run-id.
 */
@SpringBootTest(classes = ServletApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "run-id.tracing.baggage.enabled=true", "otel.traces.exporter=none", "otel.metrics.exporter=none",
				"otel.logs.exporter=none" })
class BaggageTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Downstream downstream;

	@Test
	void runTravelsAsW3cBaggageBesideOpenTelemetrysOwnBaggage() {
		Http.get(this.port, "/call/baggage", "X-Run-Id", "baggage-run");
		assertThat(members(this.downstream.header("/rest-client/baggage", "baggage"))).contains("tenant=acme")
			.containsOnlyOnce("run.id=baggage-run");
	}

	@Test
	void staleRunInInboundBaggageIsReplacedByTheRunTheRequestSends() {
		Http.get(this.port, "/call/stale", "X-Run-Id", "fresh-run", "baggage", "run.id=stale-run,region=eu");
		List<String> members = members(this.downstream.header("/rest-client/stale", "baggage"));
		assertThat(members).containsOnlyOnce("run.id=fresh-run").doesNotContain("run.id=stale-run");
	}

	private static List<String> members(List<String> headers) {
		return headers.stream().flatMap((header) -> Arrays.stream(header.split(","))).map(String::trim).toList();
	}

}
