package dev.runid.aot.messaging;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.runid.RunId;
import dev.runid.aot.AotApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The messaging application, processed ahead of time by the build, started in AOT mode as
 * its own process: for Kafka (a KRaft broker that this test starts), JMS (an embedded
 * Artemis broker in the application's process) and RabbitMQ (a server on 127.0.0.1:5672,
 * skipped when none answers), a message sent in an HTTP request's run is received in that
 * run, one sent outside any run gets a run of its own, one that names its own run is
 * received in it (a segment of kind {@code message} in the registry), and an invalid run
 * is replaced and logged escaped. For Kafka also: a failing listener's retries and its
 * dead letter stay in the run, a batch listener runs in a new run with each record's run
 * in its header, and the trace (Micrometer Tracing on Brave) crosses with the run.
 */
class AotMessagingApplicationTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static final String RABBIT_QUEUE = "run-id.aot.orders." + UUID.randomUUID();

	private static final boolean rabbitAnswers = rabbitAnswers();

	private static EmbeddedKafkaKraftBroker kafka;

	private static AotApplication application;

	@BeforeAll
	static void start() {
		kafka = new EmbeddedKafkaKraftBroker(1, 1, AotMessagingApplication.ORDERS, AotMessagingApplication.FAILING,
				AotMessagingApplication.FAILING + "-dlt", AotMessagingApplication.BATCH);
		kafka.afterPropertiesSet();
		List<String> arguments = new ArrayList<>();
		arguments.add("--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString());
		arguments.add("--aot.rabbit.queue=" + RABBIT_QUEUE);
		if (!rabbitAnswers) {
			arguments.add("--spring.rabbitmq.listener.simple.auto-startup=false");
		}
		application = AotApplication.start(AotMessagingApplication.class, arguments.toArray(String[]::new));
	}

	@AfterAll
	static void stop() {
		if (application != null) {
			application.close();
		}
		if (kafka != null) {
			kafka.destroy();
		}
	}

	/**
	 * Whether a RabbitMQ server answers on 127.0.0.1:5672; without one, the RabbitMQ
	 * cases are skipped with a message that says how to run them.
	 * @return whether a server answers
	 */
	static boolean rabbitAnswers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 5672), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Test
	void startsFromTheCodeThatAotProcessingGenerated() {
		assertThat(application.output()).contains("Starting AOT-processed AotMessagingApplication");
	}

	@ParameterizedTest
	@ValueSource(strings = { "kafka", "jms", "rabbit" })
	void listenerRunsInTheRunOfTheRequestThatSentTheMessage(String broker) throws Exception {
		assumeBroker(broker);
		String run = "aot-" + broker + "-request";
		String parent = "aot-" + broker + "-request-parent";
		String payload = broker + "-in-run";
		HttpResponse<String> sent = post("/send/" + broker, payload, run, parent);
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		assertThat(sent.body()).isEqualTo(run);
		assertThat(seen(payload)).isEqualTo("run=" + run + " parent=" + parent + " mdc=" + run + " scoped=" + run);
		application.awaitLine("the listener's line with the run in the MDC",
				(line) -> line.contains("[" + run + "] [" + parent + "]")
						&& line.endsWith(broker + " listener received " + payload));
	}

	@ParameterizedTest
	@ValueSource(strings = { "kafka", "jms", "rabbit" })
	void eachMessageSentOutsideAnyRunGetsARunOfItsOwn(String broker) throws Exception {
		assumeBroker(broker);
		List<String> runs = new ArrayList<>();
		for (String payload : List.of(broker + "-without-run-1", broker + "-without-run-2")) {
			HttpResponse<String> sent = post("/send/" + broker + "/without-run", payload, null, null);
			assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
			assertThat(sent.body()).isEqualTo("none");
			Map<String, String> seen = fields(seen(payload));
			String run = seen.get("run");
			assertThat(RunId.isValid(run)).as(run).isTrue();
			assertThat(seen).containsEntry("parent", "none").containsEntry("mdc", run).containsEntry("scoped", run);
			application.awaitLine("the listener's line with the new run in the MDC",
					(line) -> line.contains("[" + run + "] [-]")
							&& line.endsWith(broker + " listener received " + payload));
			runs.add(run);
		}
		assertThat(runs).doesNotHaveDuplicates();
	}

	@ParameterizedTest
	@ValueSource(strings = { "kafka", "jms", "rabbit" })
	void messageThatNamesItsOwnRunIsReceivedInItAsASegmentOfKindMessage(String broker) throws Exception {
		assumeBroker(broker);
		String run = "aot-" + broker + "-own";
		String payload = broker + "-own-run";
		HttpResponse<String> sent = post("/send/" + broker + "/with-run?run=" + run, payload,
				"aot-" + broker + "-sender", null);
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		assertThat(sent.body()).isEqualTo("aot-" + broker + "-sender");
		// the message's own run, without a parent from the sender's
		assertThat(seen(payload)).isEqualTo("run=" + run + " parent=none mdc=" + run + " scoped=" + run);
		String destination = broker.equals("rabbit") ? RABBIT_QUEUE : AotMessagingApplication.ORDERS;
		DocumentContext record = await().atMost(Duration.ofSeconds(20)).until(() -> {
			HttpResponse<String> answer = get("/actuator/runs/" + run);
			return (answer.statusCode() == 200) ? JsonPath.parse(answer.body()) : null;
		}, (document) -> document != null && "SUCCEEDED".equals(document.read("$.status")));
		assertThat(record.<Object>read("$.parentId")).isNull();
		assertThat(record.<List<Map<String, Object>>>read("$.segments")).singleElement()
			.satisfies((segment) -> assertThat(segment).containsEntry("service", "aot-messaging")
				.containsEntry("kind", "message")
				.containsEntry("name", destination)
				.containsEntry("status", "SUCCEEDED"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "kafka", "jms", "rabbit" })
	void invalidRunIsReplacedAndLoggedEscaped(String broker) throws Exception {
		assumeBroker(broker);
		String invalid = "bad\nrun <script>";
		String payload = broker + "-invalid-run";
		HttpResponse<String> sent = post(
				"/send/" + broker + "/with-run?run=" + URLEncoder.encode(invalid, StandardCharsets.UTF_8), payload,
				null, null);
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		Map<String, String> seen = fields(seen(payload));
		String run = seen.get("run");
		assertThat(RunId.isValid(run)).as(run).isTrue();
		assertThat(seen).containsEntry("mdc", run).containsEntry("scoped", run);
		String name = broker.equals("jms") ? "runId" : "X-Run-Id";
		application.awaitLine("the warning about the invalid run", (line) -> line.contains("RunIdInboundResolver")
				&& line.contains("Invalid " + name + " header") && line.contains("replaced it with new run " + run));
		assertThat(application.lines()).filteredOn((line) -> line.contains("RunIdInboundResolver"))
			.allSatisfy((line) -> assertThat(line).doesNotContain("<script>"));
	}

	@Test
	void failingKafkaListenerIsRetriedInTheRunAndItsDeadLetterKeepsIt() throws Exception {
		String run = "aot-kafka-failing";
		String parent = "aot-kafka-failing-parent";
		String payload = "kafka-fail";
		HttpResponse<String> sent = post("/send/kafka-failing", payload, run, parent);
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		String inRun = "run=" + run + " parent=" + parent + " mdc=" + run + " scoped=" + run;
		// the record goes to the dead-letter topic after the first delivery and two
		// retries, each in the run
		assertThat(seen("dlt:" + payload)).isEqualTo(inRun);
		assertThat(get("/seen/all?payload=" + payload).body().lines()).containsExactly(inRun, inRun, inRun);
		await("three failures logged in the run").atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(application.lines())
				.filteredOn((line) -> line.contains(" ERROR [" + run + "] [" + parent + "]")
						&& line.endsWith("Listener of " + AotMessagingApplication.FAILING + " failed in run " + run))
				.hasSize(3));
		assertThat(application.output()).contains("IllegalStateException: no stock for " + payload);
		// a delivery while the request's run is still active in this process joins the
		// request's segment: a segment per delivery only when each comes after the
		// response
		await("the failed segments in the run's record").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			HttpResponse<String> answer = get("/actuator/runs/" + run);
			assertThat(answer.statusCode()).isEqualTo(200);
			List<Map<String, Object>> segments = JsonPath.read(answer.body(), "$.segments");
			assertThat(segments).filteredOn((segment) -> AotMessagingApplication.FAILING.equals(segment.get("name")))
				.isNotEmpty()
				.allSatisfy((segment) -> assertThat(segment).containsEntry("kind", "message")
					.containsEntry("status", "FAILED"));
		});
	}

	@Test
	void kafkaBatchListenerRunsInANewRunAndEachRecordKeepsItsRunInItsHeader() throws Exception {
		List<String> senders = List.of("aot-kafka-batch-1", "aot-kafka-batch-2");
		for (int i = 0; i < senders.size(); i++) {
			HttpResponse<String> sent = post("/send/kafka-batch", "b-" + (i + 1), senders.get(i), null);
			assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		}
		for (int i = 0; i < senders.size(); i++) {
			Map<String, String> seen = fields(seen("batch:b-" + (i + 1)));
			String run = seen.get("run");
			// the batch's own run, for all its records; each record's run in its header
			assertThat(RunId.isValid(run)).as(run).isTrue();
			assertThat(run).isNotEqualTo("none").isNotIn(senders);
			assertThat(seen).containsEntry("parent", "none")
				.containsEntry("mdc", run)
				.containsEntry("scoped", run)
				.containsEntry("header", senders.get(i));
			DocumentContext record = await().atMost(Duration.ofSeconds(20)).until(() -> {
				HttpResponse<String> answer = get("/actuator/runs/" + run);
				return (answer.statusCode() == 200) ? JsonPath.parse(answer.body()) : null;
			}, (document) -> document != null && "SUCCEEDED".equals(document.read("$.status")));
			assertThat(record.<List<Map<String, Object>>>read("$.segments")).singleElement()
				.satisfies((segment) -> assertThat(segment).containsEntry("kind", "message")
					.containsEntry("name", AotMessagingApplication.BATCH)
					.containsEntry("status", "SUCCEEDED"));
		}
	}

	@Test
	void traceAndRunBothCrossKafka() throws Exception {
		String traceId = UUID.randomUUID().toString().replace("-", "");
		String spanId = traceId.substring(0, 16);
		String run = "aot-kafka-traced";
		String payload = "kafka-traced";
		HttpRequest request = HttpRequest.newBuilder(application.uri("/send/kafka"))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "text/plain")
			.header("X-Run-Id", run)
			.header("traceparent", "00-" + traceId + "-" + spanId + "-01")
			.POST(HttpRequest.BodyPublishers.ofString(payload))
			.build();
		HttpResponse<String> sent = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		assertThat(seen(payload)).isEqualTo("run=" + run + " parent=none mdc=" + run + " scoped=" + run);
		HttpResponse<String> trace = get("/seen/trace?payload=" + payload);
		assertThat(trace.statusCode()).as("the listener's span").isEqualTo(200);
		assertThat(trace.body()).isEqualTo(traceId);
	}

	@Test
	void nativeImageMetadataHoldsTheHintOfTheKafkaIntegration() throws IOException {
		Path metadata = Path.of(System.getProperty(AotApplication.CLASSES_PROPERTY),
				"META-INF/native-image/dev.runid/run-id-aot-messaging/reachability-metadata.json");
		String json = Files.readString(metadata);
		List<String> fields = JsonPath.read(json,
				"$.reflection[?(@.type == 'org.springframework.kafka.core.KafkaTemplate')].fields[*].name");
		assertThat(fields).contains("producerInterceptor");
	}

	private static void assumeBroker(String broker) {
		assumeTrue(!broker.equals("rabbit") || rabbitAnswers,
				"No RabbitMQ server answers on 127.0.0.1:5672: run .ci/setup-rabbitmq (as root, it installs"
						+ " and starts Debian's rabbitmq-server) to run the RabbitMQ cases");
	}

	/**
	 * What the listener of a message saw, once it received it.
	 */
	private static String seen(String payload) {
		return await("a listener to receive " + payload).atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> {
				HttpResponse<String> answer = get(
						"/seen?payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8));
				return (answer.statusCode() == 200) ? answer.body() : null;
			}, (body) -> body != null);
	}

	/**
	 * The fields of {@code run=... parent=... mdc=... scoped=...}.
	 */
	private static Map<String, String> fields(String seen) {
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		for (String field : seen.split(" ")) {
			int equals = field.indexOf('=');
			fields.put(field.substring(0, equals), field.substring(equals + 1));
		}
		return fields;
	}

	private static HttpResponse<String> post(String path, String payload, String runId, String parentRunId)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(application.uri(path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(payload));
		if (runId != null) {
			request.header("X-Run-Id", runId);
		}
		if (parentRunId != null) {
			request.header("X-Parent-Run-Id", parentRunId);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(application.uri(path)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
