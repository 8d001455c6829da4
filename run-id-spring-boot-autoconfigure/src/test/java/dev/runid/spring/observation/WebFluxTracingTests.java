package dev.runid.spring.observation;

import java.net.http.HttpResponse;

import dev.runid.spring.test.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the run on the spans and meters of a Spring WebFlux application
 * that calls downstream with {@code WebClient}; one subclass per tracer bridge.
 */
abstract class WebFluxTracingTests extends TracingTests {

	/**
	 * What Boot's documentation asks of WebFlux applications with tracing, so that the
	 * current span (and the run written into a pipeline's context) is restored in every
	 * operator.
	 */
	static final String AUTOMATIC_PROPAGATION = "spring.reactor.context-propagation=auto";

	@AfterAll
	static void turnOffWhatBootTurnedOn() {
		// Boot never turns it off; later test classes in this JVM expect Reactor's
		// default
		Hooks.disableAutomaticContextPropagation();
	}

	@Test
	void serverClientAndOwnSpansCarryTheEchoedRun() {
		HttpResponse<String> response = Http.get(this.port, "/call/minted");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		String traceId = response.body();
		FinishedSpan server = awaitServerSpan(traceId);
		assertThat(server.tag("run.id")).isEqualTo(runId);
		assertThat(server.tags()).doesNotContainKey("run.parent.id");
		FinishedSpan client = awaitClientSpan("/web-client/minted");
		assertThat(client.tag("run.id")).isEqualTo(runId);
		assertThat(client.traceId()).isEqualTo(traceId);
		assertThat(received("/web-client/minted").runIds()).containsExactly(runId);
		assertThat(awaitStepSpan(traceId).tag("run.id")).isEqualTo(runId);
	}

	@Test
	void spansOfARunWithAParentCarryBoth() {
		HttpResponse<String> response = Http.get(this.port, "/call/parented", "X-Run-Id", "traced-run",
				"X-Parent-Run-Id", "traced-parent");
		FinishedSpan server = awaitServerSpan(response.body());
		assertThat(server.tag("run.id")).isEqualTo("traced-run");
		assertThat(server.tag("run.parent.id")).isEqualTo("traced-parent");
		FinishedSpan client = awaitClientSpan("/web-client/parented");
		assertThat(client.tag("run.id")).isEqualTo("traced-run");
		assertThat(client.tag("run.parent.id")).isEqualTo("traced-parent");
	}

	@Test
	void clientSpanOfAChildRunCarriesTheChildAndItsParent() {
		HttpResponse<String> response = Http.get(this.port, "/child", "X-Run-Id", "outer-run");
		String[] body = response.body().split("\\|");
		String child = body[0];
		assertThat(child).isNotEqualTo("outer-run");
		FinishedSpan client = awaitClientSpan("/child");
		assertThat(client.tag("run.id")).isEqualTo(child);
		assertThat(client.tag("run.parent.id")).isEqualTo("outer-run");
		assertThat(received("/child").runIds()).containsExactly(child);
		FinishedSpan server = awaitServerSpan(body[1]);
		assertThat(server.tag("run.id")).isEqualTo("outer-run");
		assertThat(server.tags()).doesNotContainKey("run.parent.id");
	}

	@Test
	void metersOfTheSameRequestsHaveNoRunTag() {
		HttpResponse<String> response = Http.get(this.port, "/call/metered", "X-Run-Id", "metered-run");
		assertThat(awaitServerSpan(response.body()).tag("run.id")).isEqualTo("metered-run");
		assertThat(awaitClientSpan("/web-client/metered").tag("run.id")).isEqualTo("metered-run");
		assertMetersHaveNoRunTag("http.server.requests", "http.client.requests", "agent.step");
		assertThat(this.meters.find("http.server.requests").tag("uri", "/call/{name}").timer()).isNotNull();
	}

	@Test
	void runTravelsAsW3cBaggage() {
		Http.get(this.port, "/call/baggage", "X-Run-Id", "baggage-run");
		assertThat(baggageMembers(received("/web-client/baggage"))).containsOnlyOnce("run.id=baggage-run");
	}

}
