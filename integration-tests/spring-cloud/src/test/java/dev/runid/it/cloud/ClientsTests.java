package dev.runid.it.cloud;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feign clients (by URL and load-balanced) and load-balanced {@code RestClient} and
 * {@code WebClient} builders forward the run of the request that calls them to a real
 * {@link Downstream}.
 */
@SpringBootTest(classes = ClientsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "spring.cloud.gateway.server.webflux.enabled=false",
				"run-id.outbound.allowed-hosts=127.0.0.1,downstream" })
class ClientsTests {

	static final Downstream downstream = Downstream.start();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void downstream(DynamicPropertyRegistry registry) {
		registry.add("downstream.url", () -> downstream.url("127.0.0.1"));
		registry.add("downstream.other-url", () -> downstream.url("localhost"));
		registry.add("spring.cloud.discovery.client.simple.instances.downstream[0].uri",
				() -> downstream.url("127.0.0.1"));
	}

	@AfterAll
	static void stop() {
		downstream.close();
	}

	@BeforeEach
	void clear() {
		downstream.clear();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/call/feign", "/call/feign-balanced", "/call/rest-client-balanced",
			"/call/web-client-balanced" })
	void clientForwardsTheRunAndItsParent(String path) {
		HttpResponse<String> response = Http.get(this.port, path, "X-Run-Id", "child-1", "X-Parent-Run-Id", "parent-1");
		assertThat(response.statusCode()).isEqualTo(200);
		Downstream.Received received = downstream.take();
		assertThat(received.runIds()).containsExactly("child-1");
		assertThat(received.parentRunIds()).containsExactly("parent-1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/call/feign", "/call/feign-balanced", "/call/rest-client-balanced",
			"/call/web-client-balanced" })
	void clientForwardsTheRunMintedForARequestWithoutOne(String path) {
		HttpResponse<String> response = Http.get(this.port, path);
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		Downstream.Received received = downstream.take();
		assertThat(received.runIds()).containsExactly(runId);
		assertThat(received.parentRunIds()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/call/feign", "/call/feign-balanced", "/call/rest-client-balanced",
			"/call/web-client-balanced" })
	void clientForwardsTheReplacingRunNeverTheRawInvalidValue(String path) {
		HttpResponse<String> response = Http.get(this.port, path, "X-Run-Id", "not a valid <run>");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		assertThat(runId).isNotEqualTo("not a valid <run>");
		assertThat(downstream.take().runIds()).containsExactly(runId);
	}

	@Test
	void feignClientOfAHostThatIsNotAllowedSendsNoRun() {
		Http.get(this.port, "/call/feign-other", "X-Run-Id", "run-2", "X-Parent-Run-Id", "parent-2");
		Downstream.Received received = downstream.take();
		assertThat(received.path()).isEqualTo("/feign/other");
		assertThat(received.runIds()).isEmpty();
		assertThat(received.parentRunIds()).isEmpty();
	}

	@Test
	void feignMethodWithAUriArgumentIsCheckedAgainstThatUrisHost() {
		// the client's URL is an allowed host (127.0.0.1), the URI argument's is not
		Http.get(this.port, "/call/feign-dynamic?base=" + downstream.url("localhost"), "X-Run-Id", "run-4");
		Downstream.Received received = downstream.take();
		assertThat(received.path()).isEqualTo("/feign/dynamic");
		assertThat(received.runIds()).isEmpty();
		// and the other way round
		Http.get(this.port, "/call/feign-dynamic?base=" + downstream.url("127.0.0.1"), "X-Run-Id", "run-5");
		assertThat(downstream.take().runIds()).containsExactly("run-5");
	}

	@Test
	void feignRequestThatSetsTheHeaderKeepsIt() {
		Http.get(this.port, "/call/feign-preset", "X-Run-Id", "run-3");
		assertThat(downstream.take().runIds()).containsExactly("preset-1");
	}

}
