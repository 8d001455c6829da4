package dev.runid.it.cloud;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.runid.RunId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every gateway flavour must do with the run, against a real gateway on a random
 * port routing to a real {@link Downstream}: {@code /svc/**} routes to {@code 127.0.0.1}
 * (allowed), {@code /other/**} to {@code localhost} (not allowed).
 */
abstract class GatewayRoutingTests {

	@LocalServerPort
	int port;

	abstract Downstream downstream();

	@BeforeEach
	void clear() {
		downstream().clear();
	}

	@Test
	void routedRequestCarriesTheRunMintedAtTheGateway() {
		HttpResponse<String> response = Http.get(this.port, "/svc/minted");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		assertThat(RunId.isValid(runId)).isTrue();
		Downstream.Received received = downstream().take();
		assertThat(received.runIds()).containsExactly(runId);
		assertThat(received.parentRunIds()).isEmpty();
		assertThat(response.body()).isEqualTo(runId);
	}

	@Test
	void routedRequestCarriesTheReplacingRunNeverTheRawInvalidValue() {
		HttpResponse<String> response = Http.get(this.port, "/svc/invalid", "X-Run-Id", "not a valid <run>",
				"X-Parent-Run-Id", "parent-1");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		assertThat(runId).isNotEqualTo("not a valid <run>");
		Downstream.Received received = downstream().take();
		assertThat(received.runIds()).containsExactly(runId);
		assertThat(received.parentRunIds()).isEmpty();
	}

	@Test
	void routedRequestCarriesAValidRunAndItsParent() {
		Http.get(this.port, "/svc/valid", "X-Run-Id", "child-1", "X-Parent-Run-Id", "parent-1");
		Downstream.Received received = downstream().take();
		assertThat(received.runIds()).containsExactly("child-1");
		assertThat(received.parentRunIds()).containsExactly("parent-1");
	}

	@Test
	void routedRequestDropsAnInvalidParent() {
		Http.get(this.port, "/svc/bad-parent", "X-Run-Id", "child-2", "X-Parent-Run-Id", "bad parent");
		Downstream.Received received = downstream().take();
		assertThat(received.runIds()).containsExactly("child-2");
		assertThat(received.parentRunIds()).isEmpty();
	}

	@Test
	void routeToAHostThatIsNotAllowedGetsNoRunHeaderNotEvenTheClients() {
		HttpResponse<String> response = Http.get(this.port, "/other/disallowed", "X-Run-Id", "run-1", "X-Parent-Run-Id",
				"parent-1");
		assertThat(response.headers().firstValue("X-Run-Id")).hasValue("run-1");
		Downstream.Received received = downstream().take();
		assertThat(received.path()).isEqualTo("/other/disallowed");
		assertThat(received.runIds()).isEmpty();
		assertThat(received.parentRunIds()).isEmpty();
	}

	@Test
	void concurrentRoutedRequestsEachCarryTheirOwnRun() throws Exception {
		int requests = 500;
		ExecutorService clients = Executors.newFixedThreadPool(16);
		Set<String> seen = ConcurrentHashMap.newKeySet();
		try {
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				int n = i;
				answers.add(clients.submit(() -> {
					HttpResponse<String> response = switch (n % 3) {
						case 0 -> Http.get(this.port, "/svc/load/" + n, "X-Run-Id", "load-" + n);
						case 1 -> Http.get(this.port, "/svc/load/" + n, "X-Run-Id", "bad value " + n);
						default -> Http.get(this.port, "/svc/load/" + n);
					};
					String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
					assertThat(response.statusCode()).isEqualTo(200);
					// the downstream answers with the run header it received
					assertThat(response.body()).as("request %d", n).isEqualTo(runId);
					if (n % 3 == 0) {
						assertThat(runId).isEqualTo("load-" + n);
					}
					else {
						assertThat(runId).doesNotContain("bad value");
					}
					return runId;
				}));
			}
			for (Future<String> answer : answers) {
				seen.add(answer.get());
			}
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(seen).hasSize(requests);
	}

}
