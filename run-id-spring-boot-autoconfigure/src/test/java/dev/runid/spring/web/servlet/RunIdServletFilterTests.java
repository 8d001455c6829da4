package dev.runid.spring.web.servlet;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import dev.runid.RunId;
import dev.runid.spring.test.Http;
import dev.runid.spring.test.RawHttp;
import dev.runid.spring.test.RecordingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the servlet filter on embedded Tomcat with real HTTP.
 */
@SpringBootTest(classes = ServletTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.pattern.console=%level [%X{runId}] [%X{parentRunId}] %logger{0} - %msg%n",
				"server.max-http-request-header-size=64KB" })
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class RunIdServletFilterTests {

	@LocalServerPort
	int port;

	@Autowired
	RecordingServer downstream;

	@BeforeEach
	void clear() {
		this.downstream.clear();
		ServletTestApplication.leaks.clear();
	}

	@AfterEach
	void nothingLeaksOntoServerThreads() {
		assertThat(ServletTestApplication.leaks).isEmpty();
	}

	@Test
	void echoesValidInboundRunIdAndMakesItCurrent(CapturedOutput output) {
		HttpResponse<String> response = Http.get(this.port, "/run", "X-Run-Id", "run-abc.123");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("X-Run-Id")).containsExactly("run-abc.123");
		assertThat(response.body()).isEqualTo("run-abc.123|run-abc.123|null");
		assertThat(output).contains("INFO [run-abc.123] [] ServletTestApplication - handled run");
	}

	@Test
	void mintsUuid7RunIdWhenHeaderIsMissing(CapturedOutput output) {
		HttpResponse<String> response = Http.get(this.port, "/run");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		assertThat(runId).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		assertThat(response.body()).isEqualTo(runId + "|" + runId + "|null");
		assertThat(output).contains("[" + runId + "] [] ServletTestApplication - handled run");
	}

	@Test
	void acceptsValidParentAndPutsItInMdc(CapturedOutput output) {
		HttpResponse<String> response = Http.get(this.port, "/run", "X-Run-Id", "child-1", "X-Parent-Run-Id",
				"parent-1");
		assertThat(response.body()).isEqualTo("child-1|child-1|parent-1");
		assertThat(output).contains("INFO [child-1] [parent-1] ServletTestApplication - handled run");
	}

	@Test
	void dropsInvalidParentButKeepsValidRun(CapturedOutput output) {
		HttpResponse<String> response = Http.get(this.port, "/param", "X-Run-Id", "child-2", "X-Parent-Run-Id",
				"bad parent");
		assertThat(response.body()).isEqualTo("child-2|none");
		assertThat(output).contains("Invalid X-Parent-Run-Id header \"bad\\u0020parent\"").doesNotContain("bad parent");
	}

	@Test
	void injectsRunIdHandlerParameterWithParent() {
		HttpResponse<String> response = Http.get(this.port, "/param", "X-Run-Id", "p-child", "X-Parent-Run-Id",
				"p-parent");
		assertThat(response.body()).isEqualTo("p-child|p-parent");
	}

	static Stream<String> invalidValues() {
		return Stream.of("", " ", "a b", "a\tb", "quote\"d", "<script>", "100%", "r\u00e9sum\u00e9", "a,b",
				"x".repeat(129), "y".repeat(10_000));
	}

	@ParameterizedTest
	@MethodSource("invalidValues")
	void replacesInvalidRunIdAndNeverWritesItRaw(String value, CapturedOutput output) {
		RawHttp.Response response = RawHttp.get(this.port, "/run", "X-Run-Id: " + value);
		assertThat(response.status()).isEqualTo(200);
		List<String> echoed = response.header("X-Run-Id");
		assertThat(echoed).hasSize(1);
		assertThat(RunId.isValid(echoed.get(0))).isTrue();
		assertThat(echoed.get(0)).isNotEqualTo(value.trim());
		assertThat(response.body()).startsWith(echoed.get(0) + "|" + echoed.get(0));
		assertThat(output).contains("Invalid X-Run-Id header").contains("replaced it with new run " + echoed.get(0));
		if (value.trim().length() > 1) {
			assertThat(output.getAll()).doesNotContain(value.trim());
		}
		assertThat(output.getAll().lines().filter((line) -> line.contains("Invalid X-Run-Id header")))
			.as("one WARN line per rejected value")
			.hasSize(1);
	}

	@Test
	void replacesRepeatedHeader(CapturedOutput output) {
		RawHttp.Response response = RawHttp.get(this.port, "/run", "X-Run-Id: first-1", "X-Run-Id: second-2");
		String echoed = response.header("X-Run-Id").get(0);
		assertThat(echoed).isNotIn("first-1", "second-2");
		assertThat(output).contains("Repeated X-Run-Id header");
	}

	@Test
	void controlCharactersNeverReachAHeaderOrLog(CapturedOutput output) {
		RawHttp.Response response = RawHttp.get(this.port, "/run", "X-Run-Id: a\u0001b\u007fc");
		assertThat(response.raw()).doesNotContain("a\u0001b");
		if (response.status() == 200) {
			assertThat(RunId.isValid(response.header("X-Run-Id").get(0))).isTrue();
		}
		assertThat(output.getAll()).doesNotContain("a\u0001b");
	}

	@Test
	void echoesRunIdOnUnhandledExceptionAndLogsErrorWithRun(CapturedOutput output) {
		HttpResponse<String> response = Http.get(this.port, "/boom", "X-Run-Id", "boom-run");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().allValues("X-Run-Id")).containsExactly("boom-run");
		assertThat(response.body()).contains("\"runId\":\"boom-run\"").contains("\"status\":500");
		assertThat(output.getAll()
			.lines()
			.filter((line) -> line.startsWith("ERROR [boom-run]") && line.contains("failed"))).isNotEmpty();
	}

	@Test
	void echoesRunIdOnNotFoundWithRunInErrorBody() {
		HttpResponse<String> response = Http.get(this.port, "/no-such-page", "X-Run-Id", "missing-run", "Accept",
				"application/json");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().allValues("X-Run-Id")).containsExactly("missing-run");
		assertThat(response.body()).contains("\"runId\":\"missing-run\"");
	}

	@Test
	void echoesOnErrorWithMintedRunWhenHeaderMissing() {
		HttpResponse<String> response = Http.get(this.port, "/boom");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		assertThat(response.body()).contains("\"runId\":\"" + runId + "\"");
	}

}
