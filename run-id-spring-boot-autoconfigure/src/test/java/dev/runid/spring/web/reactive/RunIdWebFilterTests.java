package dev.runid.spring.web.reactive;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import dev.runid.RunId;
import dev.runid.spring.web.reactive.WebFluxTestApplication.RunLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Hooks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end tests of the {@link RunIdWebFilter} on Reactor Netty with real HTTP, a real
 * downstream server and captured logs, with the starter's default settings.
 */
@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"logging.pattern.console=%level [%X{runId}] [%X{parentRunId}] %logger{0} - %msg%n" })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class RunIdWebFilterTests {

	private static final String FORM = "application/x-www-form-urlencoded";

	static final String UUID7 = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

	static final String EVENT_LOOP = ".*-http-(epoll|nio|kqueue|io_uring)-\\d+";

	/**
	 * Reactor's bounded-elastic workers; with {@code spring.threads.virtual.enabled=true}
	 * on Java 21+ Boot makes them virtual threads named {@code loomBoundedElastic-N}.
	 */
	static final String BOUNDED_ELASTIC = "(loomBoundedElastic|boundedElastic)-\\d+";

	@LocalServerPort
	int port;

	@Autowired
	HeaderRecordingServer downstream;

	@BeforeEach
	void watchThreads() {
		ThreadLeakDetector.install();
		ThreadLeakDetector.clear();
		this.downstream.clear();
	}

	@AfterEach
	void nothingLeaksOntoThreads() throws Exception {
		ThreadLeakDetector.checkThreads();
		assertThat(ThreadLeakDetector.leaks()).isEmpty();
	}

	@AfterAll
	static void stopWatchingThreads() {
		ThreadLeakDetector.uninstall();
	}

	@Test
	void echoesValidInboundRunIdAndMakesItCurrentInHandler(CapturedOutput output) {
		HttpResponse<String> response = Http.get(this.port, "/run", "X-Run-Id", "run-abc.123");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("X-Run-Id")).containsExactly("run-abc.123");
		assertThat(response.body()).isEqualTo("run-abc.123|run-abc.123|run-abc.123|null");
		assertThat(output).contains("INFO [run-abc.123] [] WebFluxTestApplication - handled run");
	}

	@Test
	void mintsUuid7RunIdWhenHeaderIsMissing(CapturedOutput output) {
		HttpResponse<String> response = Http.get(this.port, "/run");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		assertThat(runId).matches(UUID7);
		assertThat(response.body()).isEqualTo(runId + "|" + runId + "|" + runId + "|null");
		assertThat(output).contains("INFO [" + runId + "] [] WebFluxTestApplication - handled run");
	}

	@Test
	void acceptsValidParentAndPutsItInMdc(CapturedOutput output) {
		HttpResponse<String> response = Http.get(this.port, "/run", "X-Run-Id", "child-1", "X-Parent-Run-Id",
				"parent-1");
		assertThat(response.body()).isEqualTo("child-1|child-1|child-1|parent-1");
		assertThat(output).contains("INFO [child-1] [parent-1] WebFluxTestApplication - handled run");
	}

	@Test
	void dropsInvalidParentButKeepsValidRun(CapturedOutput output) {
		HttpResponse<String> response = Http.get(this.port, "/run", "X-Run-Id", "child-2", "X-Parent-Run-Id",
				"bad<parent>");
		assertThat(response.headers().allValues("X-Run-Id")).containsExactly("child-2");
		assertThat(response.body()).isEqualTo("child-2|child-2|child-2|null");
		assertThat(output).contains("WARN [] [] RunIdInboundResolver - Invalid X-Parent-Run-Id header")
			.doesNotContain("bad<parent>");
	}

	@Test
	void runIsCurrentInEveryOperatorAfterEveryKindOfHop(CapturedOutput output) {
		HttpResponse<String> response = Http.get(this.port, "/hops", "X-Run-Id", "hopping-run");
		assertThat(response.statusCode()).isEqualTo(200);
		assertHops(response.body(), "hopping-run");
		for (String stage : new String[] { "controller", "subscribeOn", "publishOn", "delayElement", "exchange",
				"webClientBody", "retrieve" }) {
			assertThat(output).contains("INFO [hopping-run] [] WebFluxTestApplication - hop " + stage);
		}
		assertThat(this.downstream.received()).hasSize(2)
			.allSatisfy((received) -> assertThat(received.runIds()).containsExactly("hopping-run"));
	}

	@Test
	void mintedRunIsCurrentAfterEveryKindOfHop() {
		HttpResponse<String> response = Http.get(this.port, "/hops");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		assertThat(runId).matches(UUID7);
		assertHops(response.body(), runId);
	}

	private static void assertHops(String body, String runId) {
		Map<String, String[]> stages = new LinkedHashMap<>();
		for (String line : body.split("\n")) {
			String[] stage = line.split("=", 2);
			stages.put(stage[0], stage[1].split(","));
		}
		assertThat(stages).containsOnlyKeys("controller", "subscribeOn", "publishOn", "delayElement", "exchange",
				"webClientBody", "retrieve");
		stages.forEach((stage, seen) -> {
			assertThat(seen[0]).as("RunContext in %s", stage).isEqualTo(runId);
			assertThat(seen[1]).as("MDC in %s", stage).isEqualTo(runId);
		});
		assertThat(stages.get("subscribeOn")[2]).matches(BOUNDED_ELASTIC);
		assertThat(stages.get("publishOn")[2]).startsWith("parallel-");
		assertThat(stages.get("delayElement")[2]).startsWith("parallel-");
		assertThat(stages.get("exchange")[2]).matches(EVENT_LOOP);
		assertThat(stages.get("webClientBody")[2]).matches(EVENT_LOOP);
		assertThat(stages.get("retrieve")[2]).matches(EVENT_LOOP);
	}

	/**
	 * Whether Reactor's automatic context propagation is on in this test's application.
	 * @return {@code false} with the starter's defaults
	 */
	boolean automaticPropagation() {
		return false;
	}

	@Test
	void filtersAfterRunIdsSeeTheRunOnceTheResponseIsWritten(CapturedOutput output) {
		assertThat(Http.get(this.port, "/large", "X-Run-Id", "after-run").body()).hasSize(8_000_000);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output)
				.contains("INFO [after-run] [] WebFluxTestApplication - after response onComplete"));
	}

	@Test
	void automaticContextPropagationIsOnlyOnWhenAskedFor() {
		assertThat(Hooks.isAutomaticContextPropagationEnabled()).isEqualTo(automaticPropagation());
	}

	@Test
	void runIsCurrentWhereTheRequestBodyArrives(CapturedOutput output) {
		// large enough to arrive in many reads, after the handler has subscribed to it
		String body = "b".repeat(200_000);
		HttpResponse<String> response = Http.post(this.port, "/body", body, "X-Run-Id", "body-run");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body().split("\n")).hasSize(2)
			.satisfiesExactly((handler) -> assertThat(handler).startsWith("handler=body-run,body-run,"),
					(decoded) -> assertThat(decoded).startsWith("body=body-run,body-run,").endsWith(",200000"));
		assertThat(output).contains("INFO [body-run] [] WebFluxTestApplication - hop body");
	}

	@Test
	void handlerInvokedAfterTheBodyIsDecodedSeesTheRun() {
		HttpResponse<String> response = Http.post(this.port, "/decoded-body", "d".repeat(200_000), "X-Run-Id",
				"decoded-run");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("decodedBody=decoded-run,decoded-run,").endsWith(",200000");
	}

	@Test
	void handlerReadingFormDataSeesTheRun() {
		assertPostSeesRun("/form", FORM, "text=" + "f".repeat(200_000), "form", ",200000", "form-run");
	}

	@Test
	void handlerReadingFormDataOfAnExchangeMutatedByALaterFilterSeesTheRun() {
		assertPostSeesRun("/form", FORM, "text=" + "h".repeat(200_000), "form", ",200000", "mutated-run", "X-Mutate",
				"true");
	}

	@Test
	void handlerWithBoundFormSeesTheRun() {
		assertPostSeesRun("/form-bound", FORM, "text=" + "g".repeat(200_000), "formBound", ",200000", "bound-run");
	}

	@Test
	void handlerReadingMultipartDataSeesTheRun() {
		String body = "--run-id-boundary\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n" + "m".repeat(200_000)
				+ "\r\n--run-id-boundary\r\nContent-Disposition: form-data; name=\"other\""
				+ "\r\n\r\nshort\r\n--run-id-boundary--\r\n";
		assertPostSeesRun("/multipart", "multipart/form-data; boundary=run-id-boundary", body, "multipart", ",2",
				"multipart-run");
	}

	/**
	 * POST a body large enough to arrive after the handler subscribed to it, and check
	 * that the handler's stage saw the run in {@code RunContext} and the MDC.
	 */
	private void assertPostSeesRun(String path, String contentType, String body, String stage, String suffix,
			String runId, String... headers) {
		String[] allHeaders = new String[headers.length + 2];
		allHeaders[0] = "X-Run-Id";
		allHeaders[1] = runId;
		System.arraycopy(headers, 0, allHeaders, 2, headers.length);
		HttpResponse<String> response = Http.postAs(this.port, path, contentType, body, allHeaders);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith(stage + "=" + runId + "," + runId + ",").endsWith(suffix);
	}

	@Test
	void signalsFromAPoolUnknownToRunIdCarryTheRunOnlyWithAutomaticPropagation() {
		HttpResponse<String> response = Http.get(this.port, "/foreign-thread", "X-Run-Id", "foreign-run");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(automaticPropagation()
				? "foreignThread=foreign-run,foreign-run,foreign-thread" : "foreignThread=none,null,foreign-thread");
	}

	@Test
	void runIsInTheReactorContextOfThePipeline() {
		HttpResponse<String> response = Http.get(this.port, "/context", "X-Run-Id", "context-run");
		assertThat(response.body()).isEqualTo("context-run|context-run|context-run");
	}

	@Test
	void functionalEndpointSeesTheRunAfterAHop() {
		HttpResponse<String> response = Http.get(this.port, "/functional", "X-Run-Id", "functional-run");
		assertThat(response.headers().allValues("X-Run-Id")).containsExactly("functional-run");
		assertThat(response.body()).isEqualTo("functional-run|functional-run|functional-run");
	}

	@Test
	void forwardsRunWithoutParentDownstream() {
		HttpResponse<String> response = Http.get(this.port, "/forward", "X-Run-Id", "fwd-1");
		assertThat(response.body()).isEqualTo("fwd-1");
		assertThat(this.downstream.last().runIds()).containsExactly("fwd-1");
		assertThat(this.downstream.last().parentRunIds()).isEmpty();
	}

	@Test
	void forwardsRunAndParentDownstream() {
		Http.get(this.port, "/forward", "X-Run-Id", "fwd-2", "X-Parent-Run-Id", "fwd-parent");
		assertThat(this.downstream.last().runIds()).containsExactly("fwd-2");
		assertThat(this.downstream.last().parentRunIds()).containsExactly("fwd-parent");
	}

	@Test
	void forwardsMintedRunDownstream() {
		HttpResponse<String> response = Http.get(this.port, "/forward");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		assertThat(this.downstream.last().runIds()).containsExactly(runId);
	}

	@Test
	void doesNotOverwriteRunHeaderSetOnWebClientRequest() {
		Http.get(this.port, "/forward-explicit", "X-Run-Id", "fwd-3");
		assertThat(this.downstream.last().runIds()).containsExactly("explicit-run");
	}

	@Test
	void restClientForwardsRunInReactiveApplication() {
		HttpResponse<String> response = Http.get(this.port, "/rest-client", "X-Run-Id", "rest-1");
		assertThat(response.body()).isEqualTo("rest-1");
		assertThat(this.downstream.last().runIds()).containsExactly("rest-1");
	}

	static Stream<Arguments> invalidValues() {
		return Stream.of(Arguments.of("empty", new String[] { "X-Run-Id:" }, null),
				Arguments.of("129 characters", new String[] { "X-Run-Id: " + "a".repeat(129) }, "a".repeat(129)),
				Arguments.of("space", new String[] { "X-Run-Id: has space" }, "has space"),
				Arguments.of("quote", new String[] { "X-Run-Id: quo\"te" }, "quo\"te"),
				Arguments.of("angle bracket", new String[] { "X-Run-Id: <script>" }, "<script>"),
				Arguments.of("percent", new String[] { "X-Run-Id: 50%off" }, "50%off"),
				Arguments.of("comma-joined list", new String[] { "X-Run-Id: list-1,list-2" }, "list-1,list-2"),
				// both values are valid on their own, so the WARN line may show them
				Arguments.of("repeated header", new String[] { "X-Run-Id: rep-1", "X-Run-Id: rep-2" }, null),
				Arguments.of("non-ASCII", new String[] { "X-Run-Id: caf\u00e9-run" }, "caf\u00e9-run"),
				Arguments.of("tab", new String[] { "X-Run-Id: tab\tx" }, "tab\tx"));
	}

	static Stream<Arguments> bytesRejectedByHttpCodec() {
		return Stream.of(Arguments.of("control character", "ctl\u0001injected"),
				Arguments.of("DEL", "del\u007finjected"), Arguments.of("carriage return", "cr\rinjected"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidValues")
	void replacesInvalidValueWithFreshRunAndNeverEchoesOrLogsIt(String name, String[] lines, String raw,
			CapturedOutput output) {
		RawHttp.Response response = RawHttp.get(this.port, "/run", lines);
		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		String runId = response.header("X-Run-Id").get(0);
		assertThat(response.header("X-Run-Id")).hasSize(1);
		assertThat(runId).matches(UUID7);
		assertThat(response.body()).contains(runId + "|" + runId + "|" + runId + "|null");
		assertThat(output)
			.containsPattern("WARN \\[\\] \\[\\] RunIdInboundResolver - (Invalid|Repeated) X-Run-Id header")
			.contains("replaced it with new run " + runId);
		assertThat(runId).isNotIn("rep-1", "rep-2");
		if (raw != null) {
			assertThat(response.raw()).doesNotContain(raw);
			assertThat(output.getAll()).doesNotContain(raw);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("bytesRejectedByHttpCodec")
	void controlBytesAreRejectedByReactorNettyBeforeAnyFilterAndNeverEchoedOrLogged(String name, String raw,
			CapturedOutput output) {
		RawHttp.Response response = RawHttp.get(this.port, "/run", "X-Run-Id: " + raw);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("X-Run-Id")).isEmpty();
		assertThat(response.raw()).doesNotContain("injected");
		assertThat(output.getAll()).doesNotContain("injected").doesNotContain("handled run");
	}

	@Test
	void answersServerErrorWithRunInHeaderBodyAndErrorLog(CapturedOutput output) {
		HttpResponse<String> response = Http.get(this.port, "/boom", "X-Run-Id", "failing-run");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().allValues("X-Run-Id")).containsExactly("failing-run");
		assertThat(response.body()).contains("\"runId\":\"failing-run\"").contains("\"status\":500");
		assertThat(output)
			.contains("ERROR [failing-run] [] RunIdWebFilter - Request GET /boom of run failing-run failed");
	}

	@Test
	void answersNotFoundWithRunInHeaderAndBody(CapturedOutput output) {
		HttpResponse<String> response = Http.get(this.port, "/no-such-path", "X-Run-Id", "lost-run");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().allValues("X-Run-Id")).containsExactly("lost-run");
		assertThat(response.body()).contains("\"runId\":\"lost-run\"");
		assertThat(output).doesNotContain("ERROR [lost-run]");
	}

	@Test
	void answersClientErrorFromHandlerWithRunButLogsNoError(CapturedOutput output) {
		HttpResponse<String> response = Http.get(this.port, "/conflict", "X-Run-Id", "conflicting-run");
		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.headers().allValues("X-Run-Id")).containsExactly("conflicting-run");
		assertThat(response.body()).contains("\"runId\":\"conflicting-run\"");
		assertThat(output).doesNotContain("ERROR [conflicting-run]");
	}

	@Test
	void runScopedBeanLivesForTheRunAcrossHopsAndIsDestroyedOnCompletion() {
		int created = RunLedger.created.get();
		int destroyed = RunLedger.destroyed.get();
		HttpResponse<String> response = Http.get(this.port, "/scoped", "X-Run-Id", "scoped-run");
		String[] seen = response.body().split("\\|");
		assertThat(seen[0]).startsWith("scoped-run#").isEqualTo(seen[1]);
		assertThat(RunLedger.created.get()).isEqualTo(created + 1);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(RunLedger.destroyed.get()).isEqualTo(destroyed + 1));
	}

	@Test
	void runScopedBeanIsDestroyedWhenPipelineFails() {
		int created = RunLedger.created.get();
		int destroyed = RunLedger.destroyed.get();
		HttpResponse<String> response = Http.get(this.port, "/scoped-boom");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(RunLedger.created.get()).isEqualTo(created + 1);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(RunLedger.destroyed.get()).isEqualTo(destroyed + 1));
	}

	@Test
	void runScopedBeanIsDestroyedWhenClientGoesAway() throws Exception {
		int created = RunLedger.created.get();
		int destroyed = RunLedger.destroyed.get();
		try (Socket socket = RawHttp.open(this.port, "/scoped-slow", "X-Run-Id: cancelled-run")) {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(RunLedger.created.get()).isEqualTo(created + 1));
			assertThat(RunLedger.destroyed.get()).isEqualTo(destroyed);
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(RunLedger.destroyed.get()).isEqualTo(destroyed + 1));
	}

	@Test
	void noRunIsLeftOnServerOrSchedulerThreadsAfterRequests() throws Exception {
		for (String path : Arrays.asList("/run", "/hops", "/boom", "/scoped", "/no-such-path")) {
			Http.get(this.port, path, "X-Run-Id", RunId.generate().value());
		}
		ThreadLeakDetector.checkThreads();
		assertThat(ThreadLeakDetector.leaks()).isEmpty();
	}

}
