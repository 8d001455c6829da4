package dev.runid.spring.web.servlet;

import java.net.http.HttpResponse;

import dev.runid.RunId;
import dev.runid.spring.test.Http;
import dev.runid.spring.test.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of {@code run-id.inbound.on-invalid=reject} and of ProblemDetail
 * responses ({@code spring.mvc.problemdetails.enabled=true}).
 */
@SpringBootTest(classes = ServletTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "run-id.inbound.on-invalid=reject", "spring.mvc.problemdetails.enabled=true",
				"logging.pattern.console=%level [%X{runId}] %logger{0} - %msg%n" })
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class RunIdServletRejectModeTests {

	@LocalServerPort
	int port;

	@Test
	void rejectsInvalidRunIdWithProblemDetailAndFreshRun(CapturedOutput output) {
		RawHttp.Response response = RawHttp.get(this.port, "/run", "X-Run-Id: not valid<>");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).containsExactly("application/problem+json");
		String runId = response.header("X-Run-Id").get(0);
		assertThat(RunId.isValid(runId)).isTrue();
		assertThat(response.body()).contains("\"status\":400")
			.contains("Invalid X-Run-Id header")
			.contains("\"runId\":\"" + runId + "\"")
			.contains("\"instance\":\"/run\"")
			.doesNotContain("not valid");
		assertThat(output).contains("rejected the request with 400").doesNotContain("handled run");
		assertThat(output.getAll()).doesNotContain("not valid<>");
	}

	@Test
	void rejectsInvalidParent() {
		RawHttp.Response response = RawHttp.get(this.port, "/run", "X-Run-Id: ok-1", "X-Parent-Run-Id: %%");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("Invalid X-Parent-Run-Id header");
	}

	@Test
	void acceptsValidAndMissingRunIdInRejectMode() {
		assertThat(Http.get(this.port, "/run", "X-Run-Id", "fine-1").body()).startsWith("fine-1|");
		assertThat(Http.get(this.port, "/run").statusCode()).isEqualTo(200);
	}

	@Test
	void problemDetailResponsesCarryRunId() {
		HttpResponse<String> response = Http.get(this.port, "/conflict", "X-Run-Id", "problem-run");
		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(response.body()).contains("\"runId\":\"problem-run\"");
		assertThat(response.headers().allValues("X-Run-Id")).containsExactly("problem-run");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/problem-detail", "/problem-entity", "/problem-object" })
	void problemDetailReturnedByHandlersCarriesRunId(String path) {
		HttpResponse<String> response = Http.get(this.port, path, "X-Run-Id", "returned-problem");
		assertThat(response.statusCode()).isEqualTo(418);
		assertThat(response.body()).contains("\"runId\":\"returned-problem\"");
	}

	@Test
	void notFoundProblemDetailCarriesRunId() {
		HttpResponse<String> response = Http.get(this.port, "/nothing-here", "X-Run-Id", "nf-run");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"runId\":\"nf-run\"");
		assertThat(response.headers().allValues("X-Run-Id")).containsExactly("nf-run");
	}

}
