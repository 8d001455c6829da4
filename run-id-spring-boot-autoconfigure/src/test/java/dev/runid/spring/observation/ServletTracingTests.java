package dev.runid.spring.observation;

import java.net.http.HttpResponse;

import dev.runid.spring.test.Http;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the run on the spans and meters of a Spring MVC application that
 * calls downstream with {@code RestClient}, {@code RestTemplate} and {@code WebClient};
 * one subclass per tracer bridge.
 */
abstract class ServletTracingTests extends TracingTests {

	@Test
	void serverClientAndOwnSpansCarryTheEchoedRun() {
		HttpResponse<String> response = Http.get(this.port, "/call/minted");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		String traceId = response.body();
		FinishedSpan server = awaitServerSpan(traceId);
		assertThat(server.tag("run.id")).isEqualTo(runId);
		assertThat(server.tags()).doesNotContainKey("run.parent.id");
		for (String path : new String[] { "/rest-client/minted", "/rest-template/minted", "/web-client/minted",
				"/step/minted" }) {
			FinishedSpan client = awaitClientSpan(path);
			assertThat(client.tag("run.id")).as("run.id of the client span of %s", path).isEqualTo(runId);
			assertThat(client.tags()).as("tags of the client span of %s", path).doesNotContainKey("run.parent.id");
			assertThat(received(path).runIds()).containsExactly(runId);
		}
		assertThat(awaitStepSpan(traceId).tag("run.id")).isEqualTo(runId);
	}

	@Test
	void spansOfARunWithAParentCarryBoth() {
		HttpResponse<String> response = Http.get(this.port, "/call/parented", "X-Run-Id", "traced-run",
				"X-Parent-Run-Id", "traced-parent");
		FinishedSpan server = awaitServerSpan(response.body());
		assertThat(server.tag("run.id")).isEqualTo("traced-run");
		assertThat(server.tag("run.parent.id")).isEqualTo("traced-parent");
		for (String path : new String[] { "/rest-client/parented", "/rest-template/parented",
				"/web-client/parented" }) {
			FinishedSpan client = awaitClientSpan(path);
			assertThat(client.tag("run.id")).as(path).isEqualTo("traced-run");
			assertThat(client.tag("run.parent.id")).as(path).isEqualTo("traced-parent");
		}
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
		assertThat(awaitClientSpan("/rest-client/metered").tag("run.id")).isEqualTo("metered-run");
		assertMetersHaveNoRunTag("http.server.requests", "http.client.requests", "agent.step");
		Timer server = this.meters.find("http.server.requests").tag("uri", "/call/{name}").timer();
		assertThat(server).isNotNull();
		assertThat(server.count()).isPositive();
		assertThat(this.meters.find("agent.step").tag("step", "plan").timer()).isNotNull();
	}

	@Test
	void runTravelsAsW3cBaggageBesideTheTracersOwnBaggage() {
		Http.get(this.port, "/call/baggage", "X-Run-Id", "baggage-run");
		for (String path : new String[] { "/rest-client/baggage", "/rest-template/baggage", "/web-client/baggage" }) {
			assertThat(baggageMembers(received(path))).as("baggage sent to %s", path)
				.contains("tenant=acme")
				.containsOnlyOnce("run.id=baggage-run");
		}
		assertThat(baggageMembers(received("/step/baggage"))).containsOnlyOnce("run.id=baggage-run")
			.doesNotContain("tenant=acme");
	}

}
