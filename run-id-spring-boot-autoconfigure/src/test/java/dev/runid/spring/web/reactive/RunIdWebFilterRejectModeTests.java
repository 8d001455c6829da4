package dev.runid.spring.web.reactive;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the {@link RunIdWebFilter} with
 * {@code run-id.inbound.on-invalid=reject}.
 */
@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "run-id.inbound.on-invalid=reject",
				"logging.pattern.console=%level [%X{runId}] [%X{parentRunId}] %logger{0} - %msg%n" })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class RunIdWebFilterRejectModeTests {

	@LocalServerPort
	int port;

	@Test
	void rejectsInvalidRunIdWithProblemDetailAndEchoesFreshRun(CapturedOutput output) {
		RawHttp.Response response = RawHttp.get(this.port, "/run", "X-Run-Id: bad<id>");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).containsExactly("application/problem+json");
		String runId = response.header("X-Run-Id").get(0);
		assertThat(runId).matches(RunIdWebFilterTests.UUID7);
		assertThat(response.body()).startsWith("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,")
			.contains("\"detail\":\"Invalid X-Run-Id header: a run ID must be 1 to 128 characters")
			.contains("\"instance\":\"/run\"")
			.endsWith("\"runId\":\"" + runId + "\"}");
		assertThat(response.raw()).doesNotContain("bad<id>");
		assertThat(output).contains("rejected the request with 400; its new run is " + runId)
			.doesNotContain("bad<id>")
			.doesNotContain("handled run");
	}

	@Test
	void rejectsRepeatedRunHeader() {
		RawHttp.Response response = RawHttp.get(this.port, "/run", "X-Run-Id: one", "X-Run-Id: two");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("X-Run-Id").get(0)).matches(RunIdWebFilterTests.UUID7);
		assertThat(response.body()).contains("Invalid X-Run-Id header");
	}

	@Test
	void rejectsInvalidParentNamingItsHeader() {
		RawHttp.Response response = RawHttp.get(this.port, "/run", "X-Run-Id: good-run", "X-Parent-Run-Id: 50%parent");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("X-Run-Id").get(0)).matches(RunIdWebFilterTests.UUID7);
		assertThat(response.body()).contains("Invalid X-Parent-Run-Id header").doesNotContain("50%parent");
	}

	@Test
	void acceptsValidRun() {
		HttpResponse<String> response = Http.get(this.port, "/run", "X-Run-Id", "good-run");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("X-Run-Id")).containsExactly("good-run");
		assertThat(response.body()).isEqualTo("good-run|good-run|good-run|null");
	}

	@Test
	void mintsRunWhenHeaderIsMissing() {
		HttpResponse<String> response = Http.get(this.port, "/run");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Run-Id").orElseThrow()).matches(RunIdWebFilterTests.UUID7);
	}

}
