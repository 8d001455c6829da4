package dev.runid.spring.web.servlet;

import java.net.http.HttpResponse;

import dev.runid.RunId;
import dev.runid.spring.test.Http;
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
 * End-to-end tests of {@code run-id.inbound.mode=ignore},
 * {@code run-id.response.enabled=false}, custom header names and MDC keys.
 */
@SpringBootTest(classes = ServletTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "run-id.inbound.mode=ignore", "run-id.response.enabled=false", "run-id.generator=uuid4",
				"run-id.header-name=X-Request-Run", "run-id.mdc-key=run", "run-id.parent-mdc-key=parentRun",
				"logging.pattern.console=%level [%X{run}] [%X{runId}] %logger{0} - %msg%n" })
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class RunIdServletIgnoreModeTests {

	@LocalServerPort
	int port;

	@Test
	void ignoresInboundRunIdAndDoesNotEcho() {
		HttpResponse<String> response = Http.get(this.port, "/param", "X-Request-Run", "inbound-1");
		assertThat(response.statusCode()).isEqualTo(200);
		String runId = response.body().split("\\|")[0];
		assertThat(runId).isNotEqualTo("inbound-1").matches("[0-9a-f-]{14}4[0-9a-f-]{21}");
		assertThat(RunId.isValid(runId)).isTrue();
		assertThat(response.headers().firstValue("X-Request-Run")).isEmpty();
		assertThat(response.headers().firstValue("X-Run-Id")).isEmpty();
	}

	@Test
	void requestCarriesTheMintedRunRatherThanTheIgnoredOne() {
		HttpResponse<String> response = Http.get(this.port, "/headers?name=X-Request-Run", "X-Request-Run", "inbound-1",
				"X-Parent-Run-Id", "parent-1");
		String[] seen = response.body().split("\\|");
		assertThat(seen[0]).startsWith("[").endsWith("]").doesNotContain("inbound-1");
		assertThat(RunId.isValid(seen[0].substring(1, seen[0].length() - 1))).isTrue();
		assertThat(seen[1]).isEqualTo("null");
		assertThat(seen[3]).isEqualTo("true");
	}

	@Test
	void usesConfiguredMdcKeys(CapturedOutput output) {
		// ServletTestApplication.seen() reads the default keys, which stay empty here
		HttpResponse<String> response = Http.get(this.port, "/run");
		String[] seen = response.body().split("\\|");
		assertThat(RunId.isValid(seen[0])).isTrue();
		assertThat(seen[1]).isEqualTo("null");
		assertThat(output).contains("INFO [" + seen[0] + "] [] ServletTestApplication - handled run");
	}

}
