package dev.runid.spring.observation;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import dev.runid.spring.test.RecordingServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the end-to-end tracing tests share: a running application with one tracer bridge,
 * the spans it finished, its meters and the downstream server it calls.
 */
abstract class TracingTests {

	static final String SAMPLE_ALL = "management.tracing.sampling.probability=1.0";

	static final String RUN_AS_BAGGAGE = "run-id.tracing.baggage.enabled=true";

	static final String TENANT_BAGGAGE = "management.tracing.baggage.remote-fields=tenant";

	static final String WITHOUT_OPENTELEMETRY = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration";

	static final String WITHOUT_BRAVE = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration";

	@LocalServerPort
	int port;

	@Autowired
	RecordingServer downstream;

	@Autowired
	FinishedSpans finishedSpans;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Tracer tracer;

	/**
	 * The Micrometer Tracing bridge this test is about.
	 * @return the class of the bridge's tracer
	 */
	abstract Class<? extends Tracer> bridge();

	@BeforeEach
	void clear() {
		this.downstream.clear();
	}

	@Test
	void runsWithTheTracerBridgeUnderTest() {
		assertThat(this.tracer).isInstanceOf(bridge());
	}

	FinishedSpan awaitSpan(String description, Predicate<FinishedSpan> match) {
		return await().alias(description)
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.finishedSpans.spans().stream().filter(match).findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	FinishedSpan awaitServerSpan(String traceId) {
		return awaitSpan("server span of trace " + traceId,
				(span) -> span.isServer() && span.traceId().equals(traceId));
	}

	FinishedSpan awaitClientSpan(String path) {
		return awaitSpan("client span of " + path, (span) -> span.isClient() && urlOf(span).endsWith(path));
	}

	FinishedSpan awaitStepSpan(String traceId) {
		return awaitSpan("agent.step span of trace " + traceId,
				(span) -> "plan".equals(span.tag("step")) && span.traceId().equals(traceId));
	}

	private static String urlOf(FinishedSpan span) {
		String url = span.tag("http.url");
		return (url != null) ? url : "";
	}

	RecordingServer.Received received(String path) {
		return this.downstream.received()
			.stream()
			.filter((received) -> received.path().equals(path))
			.findFirst()
			.orElseThrow(() -> new AssertionError("The downstream server received no request for " + path));
	}

	/**
	 * The members of the baggage a request carried, as {@code key=value}, without their
	 * properties (the OpenTelemetry bridge adds {@code ;propagation=unlimited} to its own
	 * entries).
	 */
	static List<String> baggageMembers(RecordingServer.Received received) {
		return received.baggage()
			.stream()
			.flatMap((header) -> Arrays.stream(header.split(",")))
			.map((member) -> member.split(";", 2)[0].trim())
			.toList();
	}

	/**
	 * Wait until the meters of a request are there, then check that no meter at all has a
	 * run tag.
	 * @param names the meters that the request records
	 */
	void assertMetersHaveNoRunTag(String... names) {
		for (String name : names) {
			await().alias("meter " + name)
				.atMost(Duration.ofSeconds(10))
				.until(() -> !this.meters.find(name).meters().isEmpty());
		}
		List<Meter> all = this.meters.getMeters();
		assertThat(all).isNotEmpty()
			.allSatisfy((meter) -> assertThat(meter.getId().getTags()).extracting(Tag::getKey)
				.as("tag keys of %s", meter.getId())
				.noneMatch((key) -> key.startsWith("run.")));
	}

}
