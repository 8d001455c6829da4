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
 * End-to-end tests of error responses with
 * {@code spring.webflux.problemdetails.enabled=true}:
 * {@link RunIdErrorResponseInterceptor} and {@link RunIdErrorAttributes}.
 */
@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "spring.webflux.problemdetails.enabled=true",
				"logging.pattern.console=%level [%X{runId}] [%X{parentRunId}] %logger{0} - %msg%n" })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class RunIdWebFluxProblemDetailTests {

	@LocalServerPort
	int port;

	@Test
	void problemDetailOfHandlerErrorCarriesRun() {
		HttpResponse<String> response = Http.get(this.port, "/conflict", "X-Run-Id", "problem-run");
		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(response.headers().allValues("X-Run-Id")).containsExactly("problem-run");
		assertThat(response.body()).contains("\"detail\":\"already there\"").contains("\"runId\":\"problem-run\"");
	}

	@Test
	void problemDetailOfNotFoundCarriesRun() {
		HttpResponse<String> response = Http.get(this.port, "/no-such-path", "X-Run-Id", "missing-run");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(response.headers().allValues("X-Run-Id")).containsExactly("missing-run");
		assertThat(response.body()).contains("\"runId\":\"missing-run\"");
	}

	@Test
	void unhandledFailureStillCarriesRunInBodyAndErrorLog(CapturedOutput output) {
		HttpResponse<String> response = Http.get(this.port, "/boom", "X-Run-Id", "broken-run");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().allValues("X-Run-Id")).containsExactly("broken-run");
		assertThat(response.body()).contains("\"runId\":\"broken-run\"");
		assertThat(output)
			.contains("ERROR [broken-run] [] RunIdWebFilter - Request GET /boom of run broken-run failed");
	}

}
